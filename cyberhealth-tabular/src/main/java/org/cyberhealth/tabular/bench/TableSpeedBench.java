package org.cyberhealth.tabular.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.watermark.MarkParameters;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.cyberhealth.tabular.watermark.TableDetector;
import org.cyberhealth.tabular.watermark.TableMarker;

/**
 * Rows per second of mark and detect on a CSV file and on an SQLite table of a generated table, with the
 * peak heap in use during each run (constant memory shows as a peak that does not grow with the table).
 * Mark and detect run exactly as the CLI runs them (background parsing and writing).
 */
public final class TableSpeedBench {

    /** One measurement. */
    public record Outcome(String store, String operation, long rows, double seconds, long peakHeapMb) {
        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private final TableSchema schema;
    private final MarkingKey key;
    private final MarkParameters parameters;

    public TableSpeedBench(TableSchema schema, MarkingKey key, MarkParameters parameters) {
        this.schema = schema;
        this.key = key;
        this.parameters = parameters;
    }

    /** Writes {@code rows} generated rows to CSV and SQLite in {@code folder}, then times mark and detect on each. */
    public List<Outcome> run(Path folder, InMemoryTable template, long rows, String keyColumn, List<String> jittered) {
        TableLocation csv = TableLocation.parse(folder.resolve("generated.csv").toString());
        TableLocation sqlite = TableLocation.parse(folder.resolve("generated.db") + "#measurement");
        copy(new SyntheticTable(template.header(), template.rows(), rows, keyColumn, jittered, 1), csv);
        copy(csv.openReader(), sqlite);
        List<Outcome> outcomes = new ArrayList<>();
        TableLocation[][] stores = {{csv, TableLocation.parse(folder.resolve("marked.csv").toString())},
            {sqlite, TableLocation.parse(folder.resolve("generated.db") + "#measurement_marked")}};
        String[] names = {"CSV", "SQLite"};
        for (int s = 0; s < stores.length; s++) {
            TableLocation input = stores[s][0];
            TableLocation output = stores[s][1];
            TableMarker marker = new TableMarker(schema, key, parameters, new java.util.BitSet());
            outcomes.add(time(names[s], "mark", () -> marker.mark(input, output, true, p -> {}, report -> {}).rows()));
            TableDetector detector = new TableDetector(schema, key, parameters);
            outcomes.add(time(names[s], "detect", () -> detector.votes(output, p -> {}).rows()));
        }
        return outcomes;
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
        return new Outcome(store, operation, rows, seconds, peak);
    }
}
