package org.cyberhealth.tabular.utility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyberhealth.tabular.io.TableReader;

/**
 * The statistics researchers compute on one table, gathered in one streaming pass: moments and
 * histogram of each numeric column, co-moments of each pair (for correlations), and the counts of each
 * categorical value (for group-by queries; at most {@link #MAX_CATEGORIES} distinct values per column).
 */
final class TableProfile {

    static final int MAX_CATEGORIES = 100_000;

    final RunningMoments[] moments;
    final Histogram[] histograms;
    final PairMoments[][] pairs;
    final List<Map<String, Long>> categories;

    private TableProfile(int numeric, Histogram[] histograms, int categorical) {
        moments = new RunningMoments[numeric];
        for (int i = 0; i < numeric; i++) {
            moments[i] = new RunningMoments();
        }
        this.histograms = histograms;
        pairs = new PairMoments[numeric][numeric];
        for (int i = 0; i < numeric; i++) {
            for (int j = i + 1; j < numeric; j++) {
                pairs[i][j] = new PairMoments();
            }
        }
        categories = new ArrayList<>();
        for (int i = 0; i < categorical; i++) {
            categories.add(new HashMap<>());
        }
    }

    /**
     * Reads {@code input}; {@code ranges} gives each numeric column's histogram range ({low, high}), or is
     * null on a first pass that only learns the ranges.
     */
    static TableProfile of(TableReader input, List<String> numericColumns, List<String> categoricalColumns, double[][] ranges) {
        int[] numeric = numericColumns.stream().mapToInt(c -> input.header().indexOf(c)).toArray();
        int[] categorical = categoricalColumns.stream().mapToInt(c -> input.header().indexOf(c)).toArray();
        Histogram[] histograms = new Histogram[numeric.length];
        for (int i = 0; i < numeric.length && ranges != null; i++) {
            histograms[i] = new Histogram(ranges[i][0], ranges[i][1]);
        }
        TableProfile profile = new TableProfile(numeric.length, histograms, categorical.length);
        double[] values = new double[numeric.length];
        String[] row;
        while ((row = input.next()) != null) {
            profile.addNumbers(row, numeric, values);
            profile.addCategories(row, categorical);
        }
        return profile;
    }

    private void addNumbers(String[] row, int[] numeric, double[] values) {
        for (int i = 0; i < numeric.length; i++) {
            values[i] = numeric[i] < 0 ? Double.NaN : number(row[numeric[i]]);
            if (!Double.isNaN(values[i])) {
                moments[i].add(values[i]);
                if (histograms[i] != null) {
                    histograms[i].add(values[i]);
                }
            }
        }
        for (int i = 0; i < numeric.length; i++) {
            for (int j = i + 1; j < numeric.length && !Double.isNaN(values[i]); j++) {
                if (!Double.isNaN(values[j])) {
                    pairs[i][j].add(values[i], values[j]);
                }
            }
        }
    }

    private void addCategories(String[] row, int[] categorical) {
        for (int i = 0; i < categorical.length; i++) {
            if (categorical[i] >= 0) {
                Map<String, Long> counts = categories.get(i);
                String value = String.valueOf(row[categorical[i]]);
                if (counts.size() < MAX_CATEGORIES || counts.containsKey(value)) {
                    counts.merge(value, 1L, Long::sum);
                }
            }
        }
    }

    /** Pearson correlation of numeric columns i &lt; j over the rows where both have a value. */
    double correlation(int i, int j) {
        return pairs[i][j].correlation();
    }

    /** The cell as a number: plain numbers, and ISO dates (with or without a time) as day numbers. */
    private static double number(String cell) {
        if (cell == null || cell.isEmpty()) {
            return Double.NaN;
        }
        if (cell.length() >= 10 && cell.charAt(4) == '-' && cell.charAt(7) == '-') {
            try {
                return java.time.LocalDate.parse(cell.substring(0, 10)).toEpochDay();
            } catch (java.time.DateTimeException e) {
                return Double.NaN;
            }
        }
        try {
            double value = Double.parseDouble(cell);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
