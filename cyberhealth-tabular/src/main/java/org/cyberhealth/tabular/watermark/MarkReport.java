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

    /**
     * One marked column. For numeric columns also the mean shift the mark caused, in standard deviations
     * of the original values (NaN for dates and categories).
     */
    public record ColumnCount(String column, long carriers, long changed, long unusable, double meanShiftInSd) {}

    /** The largest mean shift over the numeric marked columns, in standard deviations. */
    public double largestMeanShiftInSd() {
        return columns.stream().mapToDouble(ColumnCount::meanShiftInSd).filter(d -> !Double.isNaN(d)).max().orElse(0);
    }

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
        private final long[] values;
        private final double[] sums;
        private final double[] squares;
        private final double[] shifts;

        Counter(int columns) {
            carriers = new long[columns];
            changed = new long[columns];
            unusable = new long[columns];
            values = new long[columns];
            sums = new double[columns];
            squares = new double[columns];
            shifts = new double[columns];
        }

        /** An original value of a numeric marked column, for the mean-shift bound. */
        void original(int column, String cell) {
            double value = number(cell);
            if (!Double.isNaN(value)) {
                values[column]++;
                sums[column] += value;
                squares[column] += value * value;
            }
        }

        /** A numeric cell the mark changed. */
        void shift(int column, String before, String after) {
            double delta = number(after) - number(before);
            if (!Double.isNaN(delta)) {
                shifts[column] += delta;
            }
        }

        private static double number(String cell) {
            FixedPoint plain = FixedPoint.parse(cell);
            if (plain != null && Math.abs(plain.unscaled()) < 1L << 53) {
                // Both exact in a double, so the quotient is the correctly rounded value, as parseDouble's (and faster).
                return plain.unscaled() / (double) FixedPoint.POWERS_OF_TEN[plain.fractionDigits()];
            }
            try {
                return cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        private double meanShiftInSd(int column) {
            long n = values[column];
            if (n == 0) {
                return Double.NaN;
            }
            double mean = sums[column] / n;
            double variance = n < 2 ? 0 : Math.max(0, (squares[column] - n * mean * mean) / (n - 1));
            double shift = Math.abs(shifts[column]) / n;
            return variance > 0 ? shift / Math.sqrt(variance) : shift == 0 ? 0 : Double.POSITIVE_INFINITY;
        }

        void row() {
            rows++;
        }

        long rows() {
            return rows;
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
                counts.add(new ColumnCount(schema.markedColumns().get(i).name(), carriers[i], changed[i], unusable[i], meanShiftInSd(i)));
            }
            return new MarkReport(rows, counts);
        }
    }
}
