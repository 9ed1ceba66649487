package org.cyberhealth.tabular.watermark;

import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * What marking did: rows read, and per marked column how many cells carry a bit, how many of those the
 * mark had to change (the others already held the right bit), and how many chosen cells could not carry
 * one (empty, or not a value of the column's type).
 */
public record MarkReport(long rows, List<ColumnCount> columns) {

    public record ColumnCount(String column, long carriers, long changed, long unusable) {}

    public long carriers() {
        return columns.stream().mapToLong(ColumnCount::carriers).sum();
    }

    public long changed() {
        return columns.stream().mapToLong(ColumnCount::changed).sum();
    }

    /** Counts as rows stream by. */
    static final class Counter {
        private long rows;
        private final long[] carriers;
        private final long[] changed;
        private final long[] unusable;

        Counter(int columns) {
            carriers = new long[columns];
            changed = new long[columns];
            unusable = new long[columns];
        }

        long row() {
            return ++rows;
        }

        void carrier(int column, boolean wasChanged) {
            carriers[column]++;
            if (wasChanged) {
                changed[column]++;
            }
        }

        void unusable(int column) {
            unusable[column]++;
        }

        MarkReport report(TableSchema schema) {
            List<ColumnCount> counts = new ArrayList<>();
            for (int i = 0; i < carriers.length; i++) {
                counts.add(new ColumnCount(schema.markedColumns().get(i).name(), carriers[i], changed[i], unusable[i]));
            }
            return new MarkReport(rows, counts);
        }
    }
}
