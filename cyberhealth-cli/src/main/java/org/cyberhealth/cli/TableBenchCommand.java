package org.cyberhealth.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.report.BenchmarkDocument;
import org.cyberhealth.tabular.attack.Collusion;
import org.cyberhealth.tabular.bench.InMemoryTable;
import org.cyberhealth.tabular.bench.RobustnessBench;
import org.cyberhealth.tabular.bench.SyntheticTable;
import org.cyberhealth.tabular.bench.TableSpeedBench;
import org.cyberhealth.tabular.bench.TracingBench;
import org.cyberhealth.tabular.fingerprint.TardosCode;
import org.cyberhealth.tabular.fingerprint.TardosParameters;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.lossless.Distortion;
import org.cyberhealth.tabular.lossless.LosslessBench;
import org.cyberhealth.tabular.lossless.LosslessParameters;
import org.cyberhealth.tabular.lossless.RangeEnds;
import org.cyberhealth.tabular.lossless.SyntheticStays;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.utility.UtilityComparison;
import org.cyberhealth.tabular.utility.UtilityReport;
import org.cyberhealth.tabular.watermark.MarkParameters;
import org.cyberhealth.tabular.watermark.MarkingKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth bench table}: robustness, tracing, utility and speed of the table watermark. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Table watermarking and fingerprinting on the OMOP measurement and observation tables and on generated",
            "tables of the same shape: detection after every attack, leak tracing with 100 recipients and coalitions of 3,",
            "utility (mean, standard deviation, histograms, correlations, group counts) and rows per second of mark and detect."},
        footer = {"", "Example:", "  cyberhealth bench table --data ../shared/data", "  cyberhealth bench table --data ../shared/data --rows 1000000 --coalitions 50"})
final class TableBenchCommand implements Callable<Integer> {

    @Option(names = "--data", description = "The shared data folder (default: $CYBERHEALTH_SHARED_DATA or ../shared/data).")
    Path data;

    @Option(names = "--out", description = "The Markdown file to update (default: docs/BENCHMARKS.md of the project).")
    Path out;

    @Option(names = "--rows", defaultValue = "10000000", description = "Rows of the generated table for the speed run (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--runs", defaultValue = "3", description = "Runs of each timed operation in the speed section; the fastest is reported, the median beside it (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--coalitions", defaultValue = "200", description = "Random coalitions per collusion strategy (default: ${DEFAULT-VALUE}).")
    int coalitions;

    @Option(names = "--sections", split = ",", defaultValue = "robustness,tracing,utility,lossless,speed",
            description = "Which sections to run and rewrite (default: all: ${DEFAULT-VALUE}).")
    Set<String> sections;

    @Mixin
    Output output;

    static final TableSchema MEASUREMENT = new TableSchema("measurement", List.of("measurement_id"), false, List.of(
            new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 1, List.of()),
            ColumnSpec.unmarked("measurement_date", ColumnType.DATE, 0),
            new ColumnSpec("unit_source_value", ColumnType.CATEGORICAL, 0, false, 0, List.of())));
    static final TableSchema OBSERVATION = new TableSchema("observation", List.of("observation_id"), false, List.of(
            new ColumnSpec("observation_date", ColumnType.DATE, 0, true, 1, List.of()),
            new ColumnSpec("observation_datetime", ColumnType.DATE, 0, false, 0, List.of(), "observation_date"),
            new ColumnSpec("observation_concept_id", ColumnType.CATEGORICAL, 0, false, 0, List.of())));
    private static final long SYNTHETIC_ROWS = 100_000;
    private static final int RECIPIENTS = 100;
    private static final int COLLUDERS = 3;
    private static final int WRONG_KEYS = 1_000;

    @Override
    public Integer call() throws IOException {
        Set<String> known = Set.of("robustness", "tracing", "utility", "lossless", "speed");
        if (!known.containsAll(sections)) {
            throw new BadInputException("--sections takes " + known + ", got " + sections);
        }
        if (runs < 1 || rows < 1) {
            throw new BadInputException("--runs and --rows must be at least 1");
        }
        Path folder = (data != null ? data : BenchData.defaultFolder()).resolve("tabular/omop/Synthea27Nj_5.4/csv");
        Path target = out != null ? out : ProjectHome.benchmarks();
        String command = "cyberhealth bench table" + (rows != 10_000_000 ? " --rows " + rows : "") + (coalitions != 200 ? " --coalitions " + coalitions : "")
                + (runs != 3 ? " --runs " + runs : "")
                + (sections.size() < 5 ? " --sections " + String.join(",", new java.util.TreeSet<>(sections)) : "");
        InMemoryTable measurement = load(folder.resolve("MEASUREMENT.csv"));
        InMemoryTable observation = load(folder.resolve("OBSERVATION.csv"));
        InMemoryTable synthetic = InMemoryTable.read(new SyntheticTable(measurement.header(), measurement.rows(), SYNTHETIC_ROWS,
                "measurement_id", List.of("value_as_number"), 1));
        byte[] secret = new byte[32];
        secret[0] = 42;
        MarkingKey key = MarkingKey.fromSecret(secret);
        TardosCode code = TardosCode.generate(TardosParameters.defaults(), secret);
        MarkParameters parameters = new MarkParameters(MarkParameters.DEFAULT_GAMMA, MarkParameters.DEFAULT_OWNER_BITS, code.length());

        if (sections.contains("robustness")) {
            robustness(target, command, measurement, observation, synthetic, key, parameters);
        }
        if (sections.contains("tracing")) {
            tracing(target, command, measurement, key, code, parameters);
        }
        if (sections.contains("utility")) {
            utility(target, command, measurement, observation, synthetic, key, parameters);
        }
        if (sections.contains("lossless")) {
            lossless(target, command);
        }
        if (sections.contains("speed")) {
            speed(target, command, measurement, key, parameters);
        }
        output.print(JsonOutput.object("benchmark", "table", "output", target.toString(), "sections", sections), "table benchmark written to " + target);
        return 0;
    }

    private void robustness(Path target, String command, InMemoryTable measurement, InMemoryTable observation, InMemoryTable synthetic,
            MarkingKey key, MarkParameters parameters) {
        step("robustness");
        List<List<RobustnessBench.Outcome>> robustness = List.of(
                new RobustnessBench(measurement, MEASUREMENT, key, parameters, 1e-9).run(),
                new RobustnessBench(observation, OBSERVATION, key, parameters, 1e-9).run(),
                new RobustnessBench(synthetic, MEASUREMENT, key, parameters, 1e-9).run());
        RobustnessBench.FalsePositives wrongKeys = new RobustnessBench(measurement, MEASUREMENT, key, parameters, 1e-9).falsePositives(WRONG_KEYS);
        String falsePositives = String.format(Locale.ROOT, "False positives, OMOP measurement: %,d detections under keys that did not mark"
                + " the table (%,d keys on the marked copy, %,d on the unmarked original): found %d times (p <= 1e-9); smallest p"
                + " %.1e; share of p <= 0.01: %.4f, of p <= 0.05: %.4f (a valid test stays at or below 0.01 and 0.05).",
                wrongKeys.tries(), WRONG_KEYS, WRONG_KEYS, wrongKeys.detected(), wrongKeys.smallestPValue(), wrongKeys.shareAtOnePercent(),
                wrongKeys.shareAtFivePercent());
        BenchmarkDocument.writeSection(target, "table-robustness", "Table watermark: detection after attacks", command,
                ROBUSTNESS_NOTE + "\n\n" + robustnessTable(robustness) + "\n" + falsePositives);
    }

    private void tracing(Path target, String command, InMemoryTable measurement, MarkingKey key, TardosCode code, MarkParameters parameters) {
        step("tracing");
        TracingBench tracing = new TracingBench(measurement, MEASUREMENT, key, code, parameters, RECIPIENTS);
        List<TracingBench.Outcome> traced = new ArrayList<>();
        for (Collusion.Strategy strategy : Collusion.Strategy.values()) {
            traced.add(tracing.run(strategy, COLLUDERS, coalitions, 7));
        }
        BenchmarkDocument.writeSection(target, "table-tracing", "Table fingerprinting: tracing colluders", command,
                String.format(Locale.ROOT, TRACING_NOTE, code.length(), measurement.rows().size()) + "\n\n" + tracingTable(traced));
    }

    private void utility(Path target, String command, InMemoryTable measurement, InMemoryTable observation, InMemoryTable synthetic,
            MarkingKey key, MarkParameters parameters) {
        step("utility");
        StringBuilder utility = new StringBuilder(UTILITY_NOTE + "\n\n| table | column | mean shift (sd) | sd change | histogram distance |\n|---|---|---:|---:|---:|\n");
        List<String> extra = new ArrayList<>();
        utilityRows(utility, extra, "OMOP measurement (10,040 rows)", measurement, MEASUREMENT, new RobustnessBench(measurement, MEASUREMENT, key, parameters, 1e-9));
        utilityRows(utility, extra, "OMOP observation (8,099 rows)", observation, OBSERVATION, new RobustnessBench(observation, OBSERVATION, key, parameters, 1e-9));
        utilityRows(utility, extra, "generated measurement (100,000 rows)", synthetic, MEASUREMENT, new RobustnessBench(synthetic, MEASUREMENT, key, parameters, 1e-9));
        BenchmarkDocument.writeSection(target, "table-utility", "Table watermark: utility of the marked data", command,
                utility + "\n" + String.join("\n", extra) + "\n");
    }

    private void lossless(Path target, String command) throws IOException {
        step("lossless");
        Path losslessScratch = Files.createTempDirectory("cyberhealth-bench-lossless");
        try {
            long stays = Math.min(rows, 1_000_000);
            LosslessParameters losslessParameters = new LosslessParameters(LosslessParameters.DEFAULT_GROUPS, LosslessParameters.DEFAULT_SHIFT,
                    SyntheticStays.AGES, RangeEnds.WRAP, 100);
            LosslessBench.Result lossless = new LosslessBench(SyntheticStays.SCHEMA, "age", losslessParameters)
                    .run(new SyntheticStays(stays, 1), losslessScratch, 2, 3);
            BenchmarkDocument.writeSection(target, "table-lossless", "Lossless table watermark (Franco-Contreras et al. 2014)", command,
                    String.format(Locale.ROOT, LOSSLESS_NOTE, stays) + "\n\n" + losslessTable(lossless));
        } finally {
            deleteTree(losslessScratch);
        }
    }

    private void speed(Path target, String command, InMemoryTable measurement, MarkingKey key, MarkParameters parameters) throws IOException {
        step("speed");
        Path scratch = Files.createTempDirectory("cyberhealth-bench-table");
        try {
            TableSpeedBench.Result speed = new TableSpeedBench(MEASUREMENT, key, parameters, runs)
                    .run(scratch, measurement, rows, "measurement_id", List.of("value_as_number"));
            UtilityReport utility = speed.utility();
            String utilityLine = String.format(Locale.ROOT, "Utility of the marked CSV (%,d rows): largest mean shift %.5f sd, largest"
                    + " correlation change %.5f, every mean within 0.1 sd: %s.", rows, utility.largestMeanShiftInSd(),
                    utility.largestCorrelationChange(), utility.meansWithin(0.1) ? "yes" : "NO");
            BenchmarkDocument.writeSection(target, "table-speed", "Table watermark: speed", command,
                    String.format(Locale.ROOT, SPEED_NOTE, rows, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, runs)
                            + "\n\n" + speedTable(speed.outcomes()) + "\n" + utilityLine);
        } finally {
            deleteTree(scratch);
        }
    }

    private void step(String name) {
        if (!output.json()) {
            output.err().println("bench table: " + name + " ...");
            output.err().flush();
        }
    }

    private static InMemoryTable load(Path csv) {
        try (TableReader reader = TableLocation.parse(csv.toString()).openReader()) {
            return InMemoryTable.read(reader);
        }
    }

    private static String robustnessTable(List<List<RobustnessBench.Outcome>> results) {
        Map<String, RobustnessBench.Outcome[]> rows = new LinkedHashMap<>();
        for (int t = 0; t < results.size(); t++) {
            for (RobustnessBench.Outcome outcome : results.get(t)) {
                rows.computeIfAbsent(label(outcome.attack()), k -> new RobustnessBench.Outcome[results.size()])[t] = outcome;
            }
        }
        StringBuilder table = new StringBuilder("| attack | OMOP measurement (10,040 rows) | OMOP observation (8,099 rows) | generated measurement (100,000 rows) |\n|---|---|---|---|\n");
        rows.forEach((attack, outcomes) -> {
            table.append("| ").append(attack);
            for (RobustnessBench.Outcome outcome : outcomes) {
                table.append(outcome == null ? " | n/a" : String.format(Locale.ROOT, " | %s, p = %.2g (%d/%d bits)",
                        outcome.detected() ? "**found**" : "not found", outcome.pValue(), outcome.matching(), outcome.decided()));
            }
            table.append(" |\n");
        });
        return table.toString();
    }

    /** The same attack on tables with different columns, under one name. */
    private static String label(String attack) {
        if (attack.startsWith("round")) {
            return "round the marked numbers to one digit fewer";
        }
        return attack.startsWith("delete") && attack.endsWith("columns") || attack.startsWith("delete columns")
                ? "delete every column but the key and the marked ones" : attack;
    }

    private static String tracingTable(List<TracingBench.Outcome> outcomes) {
        StringBuilder table = new StringBuilder("| strategy | coalitions | at least one colluder accused | innocents accused | colluders accused (mean of 3) | code positions read (mean) |\n|---|---:|---:|---:|---:|---:|\n");
        for (TracingBench.Outcome o : outcomes) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %d | %.2f | %.0f |%n", o.strategy().name().toLowerCase(Locale.ROOT),
                    o.coalitions(), o.catchRate(), o.innocentsAccused(), o.meanColludersAccused(), o.meanPositionsRead()));
        }
        return table.toString();
    }

    private static void utilityRows(StringBuilder table, List<String> extra, String name, InMemoryTable original, TableSchema schema, RobustnessBench marker) {
        InMemoryTable marked = marker.markedCopy(1);
        UtilityReport report = UtilityComparison.compare(original::reader, marked::reader, schema);
        for (UtilityReport.NumericChange change : report.numeric()) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %.5f | %.4f%% | %.5f |%n", name, change.column(), change.meanShiftInSd(),
                    100 * change.sdRelativeChange(), change.histogramDistance()));
        }
        List<String> groups = report.categorical().stream().map(c -> String.format(Locale.ROOT, "%s: largest group-count change %d (%.2f%%) over %d values",
                c.column(), c.largestCountChange(), 100 * c.largestRelativeChange(), c.values())).toList();
        extra.add(String.format(Locale.ROOT, "- %s: largest correlation change %.5f; %s; every mean within 0.1 sd: %s.", name,
                report.largestCorrelationChange(), String.join("; ", groups), report.meansWithin(0.1) ? "yes" : "NO"));
    }

    private static String losslessTable(LosslessBench.Result result) {
        Distortion distortion = result.embedding().distortion();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "Restored exactly (every cell): %s. Carrier groups: %.3f (model %.3f). Mean age %.3f -> %.3f (%+.4f sd), sd %.3f -> %.3f.%n%n",
                result.restoredExactly() ? "yes" : "NO", result.carrierShare(), result.predictedCarrierShare(), distortion.meanBefore(),
                distortion.meanAfter(), distortion.meanChangeInSd(), distortion.sdBefore(), distortion.sdAfter()));
        table.append("| attack | strength | message bit error rate | carrier groups flipped | model |\n|---|---:|---:|---:|---:|\n");
        for (List<LosslessBench.AttackPoint> points : List.of(result.deletions(), result.insertions())) {
            for (LosslessBench.AttackPoint point : points) {
                table.append(String.format(Locale.ROOT, "| %s | %.0f%% | %.3f | %.3f | %.3f |%n", point.attack(), 100 * point.strength(),
                        point.messageErrorRate(), point.carrierErrorRate(), point.predictedCarrierErrorRate()));
            }
        }
        return table.toString();
    }

    private static String speedTable(List<TableSpeedBench.Outcome> outcomes) {
        StringBuilder table = new StringBuilder("| store | operation | rows | seconds (fastest / median) | rows per second (fastest / median) | peak heap (MB) | result |\n"
                + "|---|---|---:|---:|---:|---:|---|\n");
        for (TableSpeedBench.Outcome o : outcomes) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f / %.1f | %,.0f / %,.0f | %d | %s |%n", o.store(), o.operation(), o.rows(), o.seconds(),
                    o.medianSeconds(), o.rowsPerSecond(), o.medianRowsPerSecond(), o.peakHeapMb(), o.result()));
        }
        return table.toString();
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String ROBUSTNESS_NOTE = """
            The owner mark (64 bits, every copy carries it) after each attack, on the real OMOP CDM tables of the Synthea
            27-person set (measurement: `value_as_number` marked by +/-1 in its last digit, key `measurement_id`;
            observation: `observation_date` marked by +/-1 day, `observation_datetime` follows it) and on a generated
            measurement table of 100,000 rows. Gamma 1, message = 64 owner bits + an 827-bit Tardos codeword. "found" means
            p <= 1e-9 (the probability that an unmarked table matches as well). Perturbation "by up to 1 unit" stays within
            the declared distortion; "10 units" goes beyond it. The first line is the false-positive check: the unmarked
            original tested with the key. Targets: found after deleting 90% of 100k rows, after inserting 100% fake rows,
            and after randomising 30% of marked values.""";

    private static final String TRACING_NOTE = """
            Leak tracing end to end on marked tables: 100 recipients each receive a copy of the OMOP measurement table
            carrying their own Tardos codeword (symmetric score, c = 3, eps1 = 1e-6, %d positions; see docs/FINGERPRINT.md);
            random coalitions of 3 merge their copies (average of numeric values, cell-wise majority vote, or random
            interleaving of rows) and the merged table (%,d rows) is read blind and traced against all 100 recipients.
            A recipient is accused when the exact bound on an innocent reaching its score is at most 1e-6.
            Targets: at least one colluder caught in >= 0.99 of coalitions, 0 innocents accused.""";

    private static final String UTILITY_NOTE = """
            The marked copy of each table against its original (dates as day numbers). Target: every mean within 0.1
            standard deviation.""";

    private static final String LOSSLESS_NOTE = """
            Franco-Contreras, Coatrieux et al., "Robust lossless watermarking of relational databases based on circular
            histogram modulation" (IEEE TIFS 2014), on %,d generated hospital stays (age 0-110 years as the carrier, the
            setting of the paper's experiments; their database is not public): N_g = 1000 groups, shift 3 years, the
            paper's wrap-around range ends, a 100-bit message, 2 keys. Each attack is measured against the paper's
            central-limit model of the centre-of-mass angle (the "model" column); see docs/LOSSLESS.md for more settings
            and the OMOP table.""";

    private static final String SPEED_NOTE = """
            Mark and detect on a generated measurement table of %,d rows (23 columns), as the CLI runs them (%d cores):
            CSV file to a new CSV file with one thread parsing, one marking, one formatting; SQLite table to a new table
            inside SQLite (INSERT ... SELECT over ranges of 4,096 rowids, while a second thread reads the key and marked
            cells packed 4,096 rows per query on its own connection and marks them ahead; each range's marked cells reach
            SQLite in one blob that plain SQL functions read, so unchanged rows are copied natively and no row calls Java
            unless a marked cell is longer than 31 bytes), into another file (the usual export) and into the same file
            (SQLite locks whole files: the scan shares the writer's connection, so the two threads' SQLite work is serial);
            detection reads only the key and marked columns from SQLite. Every run of a mark writes a new output.
            Maximum heap %,d MB (the launcher passes CYBERHEALTH_JAVA_OPTS to Java, e.g. -Xmx256m):
            memory stays bounded whatever the table's size (peak heap counts garbage not yet collected).
            Each operation runs %d times (this VM is shared: runs of the same build differ by up to 25%%); the fastest
            run is the figure, the median is beside it. Target: 500,000 rows per second for each on 2 cores.""";
}
