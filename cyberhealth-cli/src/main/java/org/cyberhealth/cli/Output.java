package org.cyberhealth.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --json} option and the one place that decides between text for people and JSON for scripts. */
final class Output {

    @Option(names = "--json", description = "Print the result as JSON (for scripts).")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Prints {@code value} as JSON with --json, else the text lines. */
    void print(Object value, String... text) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, value);
        } else {
            for (String line : text) {
                out.println(line);
            }
            out.flush();
        }
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return json;
    }
}
