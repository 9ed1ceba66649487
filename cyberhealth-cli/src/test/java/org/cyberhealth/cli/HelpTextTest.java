package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders cleanly (no format string picocli cannot expand) and shows an example. */
class HelpTextTest {

    @Test
    void everyCommandHasCleanHelpWithAnExample() {
        List<String> problems = new ArrayList<>();
        PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            visit(Cli.commandLine(), problems);
        } finally {
            System.setErr(err);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).as("picocli warnings while rendering help").doesNotContain("WARN");
        assertThat(problems).isEmpty();
    }

    private static void visit(CommandLine command, List<String> problems) {
        String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String name = command.getCommandSpec().qualifiedName();
        if (command.getSubcommands().isEmpty() && !usage.contains("Example")) {
            problems.add(name + " has no example in its help");
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandSpec().name().equals("help")) {
                visit(sub, problems);
            }
        }
    }
}
