package org.cyberhealth.tabular.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.utility.UtilityComparison;
import org.cyberhealth.tabular.utility.UtilityReport;
import org.cyberhealth.tabular.watermark.BitVotes;
import org.cyberhealth.tabular.watermark.MarkParameters;
import org.cyberhealth.tabular.watermark.MarkReport;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.cyberhealth.tabular.watermark.OwnerMarkTest;
import org.cyberhealth.tabular.watermark.TableDetector;
import org.cyberhealth.tabular.watermark.TableMarker;

/**
 * Rows per second of mark and detect on a CSV file and on an SQLite table of a generated table, with the
 * peak heap in use during each run (constant memory shows as a peak that does not grow with the table),
 * what each detection found, and the utility of the marked CSV. Mark and detect run exactly as the CLI
 * runs them (background parsing and writing; in SQLite, the marking plan). Each operation runs several
 * times: on a shared machine a single run measures the neighbours as much as the code, so the fastest run
 * is the figure and the median is reported beside it.
 */
public final class TableSpeedBench {

    /**
     * One operation over its runs: the fastest and the median run's seconds, the largest peak heap, and
     * what the last run found (detection) or did (marking).
     */
    public record Outcome(String store, String operation, long rows, double seconds, double medianSeconds, long peakHeapMb, String result) {
        public double rowsPerSecond() {
            return rows / seconds;
        }

        public double medianRowsPerSecond() {
            return rows / medianSeconds;
        }
    }

    /** The timings, and the marked CSV compared with its original. */
    public record Result(List<Outcome> outcomes, UtilityReport utility) {}

    private final TableSchema schema;
    private final MarkingKey key;
    private final MarkParameters parameters;
    private final int runs;

    /** Times each operation {@code runs} times. */
    public TableSpeedBench(TableSchema schema, MarkingKey key, MarkParameters parameters, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("at least one run per operation");
        }
        this.schema = schema;
        this.key = key;
        this.parameters = parameters;
        this.runs = runs;
    }

    /**
     * Writes {@code rows} generated rows to CSV and SQLite in {@code folder}, then times mark and detect on
     * each: SQLite into a table of another file (the usual export) and into a table of the same file (staged).
     * Every run of a mark writes a new output, as an export does: a new file, or a new table in the same
     * file (replacing an existing table of the same size would be a different, slower job).
     */
    public Result run(Path folder, InMemoryTable template, long rows, String keyColumn, List<String> jittered) {
        TableLocation csv = TableLocation.parse(folder.resolve("generated.csv").toString());
        TableLocation sqlite = TableLocation.parse(folder.resolve("generated.db") + "#measurement");
        copy(new SyntheticTable(template.header(), template.rows(), rows, keyColumn, jittered, 1), csv);
        copy(csv.openReader(), sqlite);
        Path markedCsvFile = folder.resolve("marked.csv");
        Path markedSqliteFile = folder.resolve("marked.db");
        TableLocation markedCsv = TableLocation.parse(markedCsvFile.toString());
        TableLocation markedSqlite = TableLocation.parse(markedSqliteFile + "#measurement");
        TableMarker marker = new TableMarker(schema, key, parameters, new java.util.BitSet());
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(mark("CSV", marker, csv, run -> deleted(markedCsvFile, markedCsv)));
        outcomes.add(detect("CSV", markedCsv));
        outcomes.add(mark("SQLite, into another file", marker, sqlite, run -> deleted(markedSqliteFile, markedSqlite)));
        outcomes.add(detect("SQLite", markedSqlite));
        outcomes.add(mark("SQLite, into the same file", marker, sqlite,
                run -> TableLocation.parse(folder.resolve("generated.db") + "#measurement_marked_" + run)));
        return new Result(outcomes, UtilityComparison.compare(csv::openReader, markedCsv::openReader, schema));
    }

    /** {@code location}, once {@code file} is gone. */
    private static TableLocation deleted(Path file, TableLocation location) {
        try {
            Files.deleteIfExists(file);
            return location;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Times {@code marker} on {@code input}; {@code output} gives each run's new output, untimed. */
    private Outcome mark(String store, TableMarker marker, TableLocation input, IntFunction<TableLocation> output) {
        MarkReport[] report = new MarkReport[1];
        Timed timed = time(store, "mark", run -> {
            TableLocation target = output.apply(run);
            return () -> {
                report[0] = marker.mark(input, target, false, p -> {}, r -> {});
                return report[0].rows();
            };
        });
        String did = String.format(Locale.ROOT, "%.1f%% of values changed", 100.0 * report[0].changed() / Math.max(1, report[0].rows()));
        return timed.saying(did);
    }

    private Outcome detect(String store, TableLocation suspect) {
        TableDetector detector = new TableDetector(schema, key, parameters);
        BitVotes[] votes = new BitVotes[1];
        Timed timed = time(store, "detect", run -> () -> {
            votes[0] = detector.votes(suspect, p -> {});
            return votes[0].rows();
        });
        OwnerMarkTest.Result owner = OwnerMarkTest.test(votes[0], key.ownerBits(parameters.ownerBits()), parameters.ownerBits(),
                OwnerMarkTest.DEFAULT_FALSE_POSITIVE_BOUND);
        String found = String.format(Locale.ROOT, "%s, p = %.1e (%d/%d bits)", owner.detected() ? "found" : "not found", owner.pValue(),
                owner.matching(), owner.decided());
        return timed.saying(found);
    }

    private static void copy(TableReader source, TableLocation target) {
        try (TableReader reader = source) {
            target.write(reader.header(), true, sink -> {
                String[] row;
                while ((row = reader.next()) != null) {
                    sink.write(row);
                }
            });
        }
    }

    /** The runs of one operation, before their result is known. */
    private record Timed(String store, String operation, long rows, double[] seconds, long peakHeapMb) {
        Outcome saying(String result) {
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            return new Outcome(store, operation, rows, sorted[0], median, peakHeapMb, result);
        }
    }

    /** Runs each run's work, which {@code prepare} gives untimed, and times it. */
    private Timed time(String store, String operation, IntFunction<LongSupplier> prepare) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        double[] seconds = new double[runs];
        long rows = 0;
        long peak = 0;
        for (int run = 0; run < runs; run++) {
            LongSupplier work = prepare.apply(run);
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            rows = work.getAsLong();
            seconds[run] = (System.nanoTime() - start) / 1e9;
            peak = Math.max(peak, heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20);
        }
        return new Timed(store, operation, rows, seconds, peak);
    }
}
