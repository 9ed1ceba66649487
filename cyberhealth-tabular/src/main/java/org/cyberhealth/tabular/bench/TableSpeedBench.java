package org.cyberhealth.tabular.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * runs them (background parsing and writing; in SQLite, the marking plan).
 */
public final class TableSpeedBench {

    /** One measurement; {@code result} says what the run found (detection) or did (marking). */
    public record Outcome(String store, String operation, long rows, double seconds, long peakHeapMb, String result) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /** The timings, and the marked CSV compared with its original. */
    public record Result(List<Outcome> outcomes, UtilityReport utility) {}

    private final TableSchema schema;
    private final MarkingKey key;
    private final MarkParameters parameters;

    public TableSpeedBench(TableSchema schema, MarkingKey key, MarkParameters parameters) {
        this.schema = schema;
        this.key = key;
        this.parameters = parameters;
    }

    /**
     * Writes {@code rows} generated rows to CSV and SQLite in {@code folder}, then times mark and detect on
     * each: SQLite into a table of another file (the usual export) and into a table of the same file (staged).
     */
    public Result run(Path folder, InMemoryTable template, long rows, String keyColumn, List<String> jittered) {
        TableLocation csv = TableLocation.parse(folder.resolve("generated.csv").toString());
        TableLocation sqlite = TableLocation.parse(folder.resolve("generated.db") + "#measurement");
        copy(new SyntheticTable(template.header(), template.rows(), rows, keyColumn, jittered, 1), csv);
        copy(csv.openReader(), sqlite);
        TableLocation markedCsv = TableLocation.parse(folder.resolve("marked.csv").toString());
        TableLocation markedSqlite = TableLocation.parse(folder.resolve("marked.db") + "#measurement");
        TableLocation sameFile = TableLocation.parse(folder.resolve("generated.db") + "#measurement_marked");
        TableMarker marker = new TableMarker(schema, key, parameters, new java.util.BitSet());
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(mark("CSV", marker, csv, markedCsv));
        outcomes.add(detect("CSV", markedCsv));
        outcomes.add(mark("SQLite, into another file", marker, sqlite, markedSqlite));
        outcomes.add(detect("SQLite", markedSqlite));
        outcomes.add(mark("SQLite, into the same file", marker, sqlite, sameFile));
        return new Result(outcomes, UtilityComparison.compare(csv::openReader, markedCsv::openReader, schema));
    }

    private static Outcome mark(String store, TableMarker marker, TableLocation input, TableLocation output) {
        MarkReport[] report = new MarkReport[1];
        Outcome timed = time(store, "mark", () -> {
            report[0] = marker.mark(input, output, true, p -> {}, r -> {});
            return report[0].rows();
        });
        String did = String.format(Locale.ROOT, "%.1f%% of values changed", 100.0 * report[0].changed() / Math.max(1, report[0].rows()));
        return new Outcome(timed.store(), timed.operation(), timed.rows(), timed.seconds(), timed.peakHeapMb(), did);
    }

    private Outcome detect(String store, TableLocation suspect) {
        TableDetector detector = new TableDetector(schema, key, parameters);
        BitVotes[] votes = new BitVotes[1];
        Outcome timed = time(store, "detect", () -> {
            votes[0] = detector.votes(suspect, p -> {});
            return votes[0].rows();
        });
        OwnerMarkTest.Result owner = OwnerMarkTest.test(votes[0], key.ownerBits(parameters.ownerBits()), parameters.ownerBits(),
                OwnerMarkTest.DEFAULT_FALSE_POSITIVE_BOUND);
        String found = String.format(Locale.ROOT, "%s, p = %.1e (%d/%d bits)", owner.detected() ? "found" : "not found", owner.pValue(),
                owner.matching(), owner.decided());
        return new Outcome(timed.store(), timed.operation(), timed.rows(), timed.seconds(), timed.peakHeapMb(), found);
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

    private static Outcome time(String store, String operation, LongSupplier work) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long rows = work.getAsLong();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
        return new Outcome(store, operation, rows, seconds, peak, "");
    }
}
