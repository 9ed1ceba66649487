package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.KeyFiles;
import org.cyberhealth.tabular.TableProtection;
import org.cyberhealth.tabular.TableProtection.Detection;
import org.cyberhealth.tabular.TableProtection.MarkResult;
import org.cyberhealth.tabular.TableProtection.Settings;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.lossless.EmbeddingReport;
import org.cyberhealth.tabular.lossless.RangeEnds;
import org.cyberhealth.tabular.lossless.Restoration;
import org.cyberhealth.tabular.registry.RecipientRegistry;
import org.cyberhealth.tabular.schema.SchemaFiles;
import org.cyberhealth.tabular.schema.SchemaProfiler;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.utility.UtilityComparison;
import org.cyberhealth.tabular.utility.UtilityReport;
import org.cyberhealth.tabular.watermark.MarkReport;
import org.cyberhealth.tabular.watermark.OwnerMarkTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cyberhealth table ...}: watermarking, fingerprinting and leak tracing of health-database tables. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Watermark and fingerprint health-database tables (CSV/TSV files, SQLite or PostgreSQL tables),",
            "find the owner mark in a leaked copy and name the recipients it came from.",
            "A table is a path (lab.csv, lab.tsv), FILE.db#TABLE for SQLite, or JDBC_URL#TABLE."},
        subcommands = {TableCommand.Profile.class, TableCommand.Mark.class, TableCommand.Detect.class, TableTraceCommand.class,
            TableCommand.Restore.class, TableAttackCommand.class, TableCommand.Utility.class},
        footer = {"", "Example:", "  cyberhealth table profile measurement.csv --out measurement.schema.json",
            "  cyberhealth table mark measurement.csv --schema measurement.schema.json --key hospital.key --recipient lab-42 --out lab42.csv",
            "  cyberhealth table trace leaked.csv --key hospital.key"})
final class TableCommand implements Runnable {

    @Override
    public void run() {
        throw new BadInputException("choose a command: profile, mark, detect, trace, restore, attack or utility (see 'cyberhealth table --help')");
    }

    /** The key file and the registry beside it, shared by the commands that need them. */
    static final class KeyOptions {
        @Option(names = "--key", required = true, description = "The issuer key file.")
        Path keyFile;

        @Option(names = "--registry", description = "The recipient registry (SQLite; default: KEY.registry.db beside the key).")
        Path registryFile;

        IssuerKey key() {
            return KeyFiles.readIssuerKey(keyFile);
        }

        RecipientRegistry registry() {
            return RecipientRegistry.open(registryFile == null ? RecipientRegistry.besideKey(keyFile) : registryFile);
        }

        /** {@code table}, or the registry's only marked table when none is named. */
        static String tableOrOnly(String table, TableProtection protection) {
            if (table != null) {
                return table;
            }
            List<String> tables = protection.tables();
            if (tables.size() != 1) {
                throw new BadInputException(tables.isEmpty() ? "the registry has no marked table yet"
                        : "the registry has several marked tables " + tables + ": choose one with --table");
            }
            return tables.get(0);
        }
    }

    /** Runs {@code work} with a fraction progress bar on the terminal. */
    static <T> T withProgress(Output output, String label, Function<java.util.function.DoubleConsumer, T> work) {
        try (ProgressBar bar = ProgressBar.ofFraction(output.err(), label, !output.json())) {
            return work.apply(bar::reach);
        }
    }

    @Command(name = "profile", mixinStandardHelpOptions = true,
            description = {"Propose a schema for a table from its first rows: column types, a key, and which columns may",
                "carry marks (measured decimal values, one unit of the last digit). Review it before marking."},
            footer = {"", "Example:", "  cyberhealth table profile measurement.csv --out measurement.schema.json",
                "  cyberhealth table profile warehouse.db#measurement --out measurement.schema.yaml"})
    static final class Profile implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TABLE", description = "The table to profile.")
        String input;

        @Option(names = "--table", description = "The name for the table in the schema (default: the file or table name).")
        String table;

        @Option(names = "--sample", defaultValue = "100000", description = "Rows to look at (default: ${DEFAULT-VALUE}).")
        int sample;

        @Option(names = "--out", description = "Write the schema here: YAML for a name ending .yaml or .yml, JSON otherwise (default: print JSON).")
        Path out;

        @Option(names = "--force", description = "Replace an existing schema file.")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            if (sample < 1) {
                throw new BadInputException("--sample must be at least 1");
            }
            TableLocation location = TableLocation.parse(input);
            TableSchema schema;
            try (TableReader reader = location.openReader()) {
                schema = SchemaProfiler.profile(reader, table != null ? table : defaultName(input), sample);
            }
            if (out != null) {
                SchemaFiles.write(schema, out, force);
            }
            List<String> marked = schema.markedColumns().stream().map(c -> c.name()).toList();
            String summary = String.format("%s: %d columns, key %s%s, marks proposed on %s", input, schema.columns().size(),
                    schema.key(), schema.virtualKey() ? " (virtual)" : "", marked.isEmpty() ? "no column" : marked);
            if (out == null && !output.json()) {
                output.print(null, SchemaFiles.toJson(schema).strip());
            } else {
                output.print(JsonOutput.object("table", schema.table(), "schema", out == null ? null : out.toString(), "key", schema.key(),
                        "virtualKey", schema.virtualKey(), "marked", marked), summary + (out != null ? " -> " + out : ""));
            }
            return 0;
        }

        static String defaultName(String input) {
            int hash = input.lastIndexOf('#');
            String name = hash >= 0 ? input.substring(hash + 1) : Path.of(input).getFileName().toString();
            int dot = name.lastIndexOf('.');
            return (hash < 0 && dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
        }
    }

    @Command(name = "mark", mixinStandardHelpOptions = true,
            description = {"Mark a copy of a table for one recipient: a robust owner mark and the recipient's Tardos",
                "fingerprint, in the low-order digits of the schema's marked columns (never more than each column's",
                "maxChange). The output is a new file or table; the export is recorded in the registry."},
            footer = {"", "Example:", "  cyberhealth table mark measurement.csv --schema measurement.schema.json --key hospital.key \\",
                "      --recipient lab-42 --purpose \"diabetes study\" --out lab42.csv",
                "  cyberhealth table mark warehouse.db#measurement --schema m.json --key hospital.key --recipient lab-42 --out out.db#measurement_lab42"})
    static final class Mark implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TABLE", description = "The original table.")
        String input;

        @Option(names = "--schema", required = true, description = "The table's schema file, JSON or YAML (see 'table profile').")
        Path schemaFile;

        @Mixin
        KeyOptions keys;

        @Mixin
        ExportOptions export;

        @Option(names = "--out", required = true, description = "The marked copy: a new file, or FILE.db#TABLE / JDBC_URL#TABLE.")
        String out;

        @Option(names = "--gamma", defaultValue = "1", description = "Mark one row in GAMMA (first export of a table only; default: ${DEFAULT-VALUE}).")
        int gamma;

        @Option(names = "--colluders", defaultValue = "3", description = "Largest coalition the fingerprint resists (first export only; default: ${DEFAULT-VALUE}).")
        int colluders;

        @Option(names = "--epsilon1", defaultValue = "1e-6", description = "Probability bound of accusing a given innocent (first export only; default: ${DEFAULT-VALUE}).")
        double epsilon1;

        @Option(names = "--max-mean-shift", defaultValue = "0.1", description = "Refuse if a marked column's mean moves more than this many standard deviations (default: ${DEFAULT-VALUE}).")
        double meanBound;

        @Option(names = "--scheme", defaultValue = "fingerprint", description = "fingerprint (owner mark + the recipient's Tardos codeword,"
                + " traceable) or lossless (owner mark only, removable with 'table restore'; first export of a table only). Default: ${DEFAULT-VALUE}.")
        String scheme;

        @Option(names = "--column", description = "Lossless scheme: the numeric column that carries the mark (default: the schema's first marked column).")
        String column;

        @Option(names = "--range-ends", defaultValue = "wrap", description = "Lossless scheme: wrap (the paper's circle: values past one end"
                + " reappear at the other) or extend (values may leave the range by the shift). Default: ${DEFAULT-VALUE}.")
        String rangeEnds;

        @Option(names = "--force", description = "Replace an existing output file or table.")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            TableSchema schema = SchemaFiles.read(schemaFile);
            if (scheme.equals("lossless")) {
                return markLossless(schema);
            }
            if (!scheme.equals("fingerprint")) {
                throw new BadInputException("unknown scheme '" + scheme + "' (expected fingerprint or lossless)");
            }
            Settings settings = new Settings(gamma, Settings.defaults().ownerBits(), colluders, epsilon1, meanBound);
            try (RecipientRegistry registry = keys.registry()) {
                TableProtection protection = new TableProtection(keys.key(), registry);
                MarkResult result = withProgress(output, "mark", progress -> protection.mark(TableLocation.parse(input),
                        TableLocation.parse(out), force, schema, export.recipient, export.purpose, export.exportIdOrNew(),
                        settings, progress));
                MarkReport report = result.report();
                output.print(JsonOutput.object("table", result.table(), "recipient", export.recipient, "exportId", result.exportId(),
                        "output", result.output(), "rows", report.rows(), "carriers", report.carriers(), "changed", report.changed(),
                        "codeLength", result.parameters().codeLength(), "largestMeanShiftInSd", report.largestMeanShiftInSd(), "columns", report.columns()),
                        String.format(Locale.ROOT, "%s -> %s: marked for %s (%d rows, %d cells carry bits, %d changed; code %d bits; largest mean shift %.4f sd)",
                                input, result.output(), export.recipient, report.rows(), report.carriers(), report.changed(),
                                result.parameters().codeLength(), report.largestMeanShiftInSd()));
                return 0;
            }
        }

        private int markLossless(TableSchema schema) {
            String carrier = column != null ? column : schema.requireMarkedColumns().markedColumns().get(0).name();
            RangeEnds ends = switch (rangeEnds) {
                case "wrap" -> RangeEnds.WRAP;
                case "extend" -> RangeEnds.EXTEND;
                default -> throw new BadInputException("--range-ends must be wrap or extend, got " + rangeEnds);
            };
            try (RecipientRegistry registry = keys.registry()) {
                TableProtection protection = new TableProtection(keys.key(), registry);
                MarkResult result = withProgress(output, "mark", progress -> protection.markLossless(TableLocation.parse(input),
                        TableLocation.parse(out), force, schema, carrier, ends, export.recipient, export.purpose, export.exportIdOrNew(), progress));
                EmbeddingReport report = result.lossless();
                output.print(JsonOutput.object("table", result.table(), "scheme", "lossless", "recipient", export.recipient, "exportId", result.exportId(),
                        "output", result.output(), "report", report),
                        String.format(Locale.ROOT, "%s -> %s: lossless owner mark in %s (%d rows, %d groups, %.1f%% carry a bit; restore with 'table restore')",
                                input, result.output(), carrier, report.rows(), report.groups(), 100 * report.carrierShare()));
                return 0;
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Take the lossless mark out of a copy marked with '--scheme lossless': writes the original table,",
                "cell for cell. Refuses (exit code 1, nothing written) a table that does not carry the mark intact."},
            footer = {"", "Example:", "  cyberhealth table restore stays-lab42.csv --key hospital.key --table stays --out stays-original.csv"})
    static final class Restore implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TABLE", description = "A copy marked with the lossless scheme.")
        String input;

        @Mixin
        KeyOptions keys;

        @Option(names = "--table", description = "Which marked table this is (default: the registry's only one).")
        String table;

        @Option(names = "--out", required = true, description = "The restored original: a new file or table.")
        String out;

        @Option(names = "--force", description = "Replace an existing output file or table.")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            try (RecipientRegistry registry = keys.registry()) {
                TableProtection protection = new TableProtection(keys.key(), registry);
                String name = KeyOptions.tableOrOnly(table, protection);
                Restoration restoration = withProgress(output, "restore",
                        progress -> protection.restore(TableLocation.parse(input), TableLocation.parse(out), force, name, progress));
                output.print(JsonOutput.object("table", name, "output", out, "rows", restoration.rows(), "valuesRestored", restoration.restored()),
                        String.format(Locale.ROOT, "%s -> %s: original restored (%d rows, %d values moved back)", input, out,
                                restoration.rows(), restoration.restored()));
                return 0;
            }
        }
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = {"Look for the owner mark in a suspect table (blind: the original is not needed). Rows may have",
                "been deleted, added, shuffled or altered and columns dropped. Exit code 0 when the mark is found",
                "(p-value below --bound), 1 when it is not."},
            footer = {"", "Example:", "  cyberhealth table detect leaked.csv --key hospital.key --table measurement"})
    static final class Detect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TABLE", description = "The suspect table.")
        String input;

        @Mixin
        KeyOptions keys;

        @Option(names = "--table", description = "Which marked table to look for (default: the registry's only one).")
        String table;

        @Option(names = "--bound", defaultValue = "1e-9", description = "Largest accepted false-positive probability (default: ${DEFAULT-VALUE}).")
        double bound;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            if (!(bound > 0 && bound < 1)) {
                throw new BadInputException("--bound must be between 0 and 1");
            }
            try (RecipientRegistry registry = keys.registry()) {
                TableProtection protection = new TableProtection(keys.key(), registry);
                String name = KeyOptions.tableOrOnly(table, protection);
                Detection detection = withProgress(output, "detect", progress -> protection.detect(TableLocation.parse(input), name, bound, progress));
                OwnerMarkTest.Result owner = detection.owner();
                output.print(JsonOutput.object("table", name, "source", detection.source(), "rows", detection.rows(), "votes", detection.votes(),
                        "detected", owner.detected(), "pValue", owner.pValue(), "bound", bound, "ownerBits", owner.ownerBits(),
                        "decidedBits", owner.decided(), "matchingBits", owner.matching()),
                        String.format(Locale.ROOT, "%s: %s (owner mark of %s: %d of %d decided bits match, p = %.3g, bound %.3g; %s%d votes)",
                                input, owner.detected() ? "MARK FOUND" : "NO MARK", name, owner.matching(), owner.decided(), owner.pValue(), bound,
                                detection.rows() >= 0 ? detection.rows() + " rows, " : "", detection.votes()));
                return owner.detected() ? 0 : 1;
            }
        }
    }

    @Command(name = "utility", mixinStandardHelpOptions = true,
            description = {"Compare an original table with a marked (or attacked) copy on what researchers compute: per",
                "numeric column mean, standard deviation and histogram distance, pairwise correlations, and group-by",
                "counts of categorical columns. Exit code 1 when a mean moved more than --max-mean-shift."},
            footer = {"", "Example:", "  cyberhealth table utility measurement.csv lab42.csv --schema measurement.schema.json"})
    static final class Utility implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ORIGINAL", description = "The original table.")
        String original;

        @Parameters(index = "1", paramLabel = "COPY", description = "The marked or attacked copy.")
        String copy;

        @Option(names = "--schema", required = true, description = "The schema file (which columns are numeric or categorical).")
        Path schemaFile;

        @Option(names = "--max-mean-shift", defaultValue = "0.1", description = "Bound on mean shifts, in standard deviations (default: ${DEFAULT-VALUE}).")
        double meanBound;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            TableSchema schema = SchemaFiles.read(schemaFile);
            TableLocation originalTable = TableLocation.parse(original);
            TableLocation copyTable = TableLocation.parse(copy);
            UtilityReport report = UtilityComparison.compare(originalTable::openReader, copyTable::openReader, schema);
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%-28s %12s %12s %10s %10s %10s", "column", "mean before", "mean after", "shift/sd", "sd change", "hist dist"));
            for (UtilityReport.NumericChange change : report.numeric()) {
                lines.add(String.format(Locale.ROOT, "%-28s %12.5g %12.5g %10.5f %9.4f%% %10.5f", change.column(), change.meanBefore(),
                        change.meanAfter(), change.meanShiftInSd(), 100 * change.sdRelativeChange(), change.histogramDistance()));
            }
            lines.add(String.format(Locale.ROOT, "largest correlation change: %.5f", report.largestCorrelationChange()));
            for (UtilityReport.CategoryChange change : report.categorical()) {
                lines.add(String.format(Locale.ROOT, "%s: %d values, largest group-count change %d (%.3f%%)", change.column(), change.values(),
                        change.largestCountChange(), 100 * change.largestRelativeChange()));
            }
            boolean within = report.meansWithin(meanBound);
            lines.add(within ? String.format(Locale.ROOT, "OK: every mean within %.3g standard deviations", meanBound)
                    : String.format(Locale.ROOT, "BOUND BROKEN: a mean moved %.4f standard deviations (bound %.3g)", report.largestMeanShiftInSd(), meanBound));
            output.print(JsonOutput.object("report", report, "withinBound", within, "bound", meanBound), lines.toArray(String[]::new));
            return within ? 0 : 1;
        }
    }
}
