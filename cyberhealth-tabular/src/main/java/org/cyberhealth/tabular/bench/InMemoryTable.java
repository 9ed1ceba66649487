package org.cyberhealth.tabular.bench;

import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.watermark.TableMarker;

/** A table held in memory, for benchmarks that replay many attacks on one marked copy. */
public record InMemoryTable(TableHeader header, List<String[]> rows) {

    public static InMemoryTable read(TableReader reader) {
        List<String[]> rows = new ArrayList<>();
        String[] row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        return new InMemoryTable(reader.header(), rows);
    }

    /** Collects what a producer writes, with {@code header}'s columns. */
    public static InMemoryTable collect(TableHeader header, java.util.function.Consumer<RowSink> producer) {
        List<String[]> rows = new ArrayList<>();
        producer.accept(rows::add);
        return new InMemoryTable(header, rows);
    }

    /** This table as {@code marker} marks it. */
    public InMemoryTable markedBy(TableMarker marker) {
        return collect(header, sink -> marker.mark(reader(), sink, p -> {}));
    }

    /** A fresh reader; rows are copied as they are read, so an attack cannot change this table. */
    public TableReader reader() {
        return new TableReader() {
            private int next;

            @Override
            public TableHeader header() {
                return header;
            }

            @Override
            public String[] next() {
                return next < rows.size() ? rows.get(next++).clone() : null;
            }

            @Override
            public double progress() {
                return rows.isEmpty() ? 1 : (double) next / rows.size();
            }

            @Override
            public void close() {}
        };
    }
}
