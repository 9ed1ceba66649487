package org.cyberhealth.cli;

import java.io.UncheckedIOException;
import org.cyberhealth.core.CyberHealthException;
import picocli.CommandLine;

/** Builds the picocli command line with the project's exit codes and one-line error reporting. */
final class Cli {

    private Cli() {}

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new CyberHealth());
        // `assess --threats evasion` names a threat, not the subcommand `assess evasion`.
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setExecutionExceptionHandler(Cli::reportFailure);
        cl.setParameterExceptionHandler(Cli::reportBadUsage);
        return cl;
    }

    private static int reportBadUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println("error: " + e.getMessage());
        cl.getErr().println("try '" + cl.getCommandSpec().qualifiedName() + " --help'");
        return CyberHealthException.BAD_INPUT;
    }

    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        if (e instanceof CyberHealthException) {
            cl.getErr().println("error: " + e.getMessage());
            return ((CyberHealthException) e).exitCode();
        }
        if (e instanceof UncheckedIOException) {
            cl.getErr().println("error: " + e.getMessage());
            return CyberHealthException.BAD_INPUT;
        }
        cl.getErr().println("internal error: " + e);
        e.printStackTrace(cl.getErr());
        return 3;
    }
}
