package org.cyberhealth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cyberhealth} command: one subcommand group per pillar. */
@Command(
        name = "cyberhealth",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Protect medical data and medical AI along their whole life cycle.",
        subcommands = {CommandLine.HelpCommand.class, KeysCommand.class, ImageCommand.class, TableCommand.class, HeCommand.class, MlCommand.class, AssessCommand.class, ExportCommand.class, ProvenanceCommand.class, BenchCommand.class, DemoCommand.class},
        footer = {"", "Example:", "  cyberhealth keys new --issuer \"St. Example Hospital\" --out hospital.key",
            "  cyberhealth image mark ct.dcm --key hospital.key --recipient lab-42 --out ct-marked.dcm",
            "  cyberhealth table trace leaked.csv --key hospital.key"})
public final class CyberHealth implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // DJL would otherwise try to download its native library: the one bundled from Maven Central is used.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 a check failed, 2 bad usage or input). */
    public static int run(String... args) {
        return Cli.commandLine().execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command group, e.g. 'cyberhealth image --help'");
    }
}
