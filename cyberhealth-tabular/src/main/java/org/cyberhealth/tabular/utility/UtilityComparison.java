package org.cyberhealth.tabular.utility;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.utility.UtilityReport.CategoryChange;
import org.cyberhealth.tabular.utility.UtilityReport.NumericChange;

/**
 * Compares an original table with a marked or attacked copy on the statistics the schema's columns
 * support: the numeric (integer, decimal, and dates as day numbers) columns that are not keys, and the
 * categorical columns. Three
 * streaming passes (the original twice: once to learn the histogram ranges), constant memory apart from
 * the categorical counts.
 */
public final class UtilityComparison {

    private UtilityComparison() {}

    public static UtilityReport compare(Supplier<TableReader> original, Supplier<TableReader> copy, TableSchema schema) {
        Set<String> keys = new HashSet<>(schema.key());
        List<String> numeric = schema.columns().stream()
                .filter(c -> (c.type() == ColumnType.INTEGER || c.type() == ColumnType.DECIMAL || c.type() == ColumnType.DATE)
                        && !keys.contains(c.name()))
                .map(ColumnSpec::name).toList();
        List<String> categorical = schema.columns().stream().filter(c -> c.type() == ColumnType.CATEGORICAL).map(ColumnSpec::name).toList();
        TableProfile first;
        try (TableReader reader = original.get()) {
            first = TableProfile.of(reader, numeric, List.of(), null);
        }
        double[][] ranges = new double[numeric.size()][];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = new double[] {first.moments[i].min(), first.moments[i].max()};
        }
        TableProfile before;
        TableProfile after;
        try (TableReader reader = original.get()) {
            before = TableProfile.of(reader, numeric, categorical, ranges);
        }
        try (TableReader reader = copy.get()) {
            after = TableProfile.of(reader, numeric, categorical, ranges);
        }
        return new UtilityReport(numericChanges(numeric, before, after), correlationChange(numeric.size(), before, after),
                categoryChanges(categorical, before, after));
    }

    private static List<NumericChange> numericChanges(List<String> numeric, TableProfile before, TableProfile after) {
        List<NumericChange> changes = new ArrayList<>();
        for (int i = 0; i < numeric.size(); i++) {
            RunningMoments b = before.moments[i];
            RunningMoments a = after.moments[i];
            changes.add(new NumericChange(numeric.get(i), b.count(), a.count(), b.mean(), a.mean(), b.standardDeviation(),
                    a.standardDeviation(), before.histograms[i].distance(after.histograms[i])));
        }
        return changes;
    }

    private static double correlationChange(int columns, TableProfile before, TableProfile after) {
        double largest = 0;
        for (int i = 0; i < columns; i++) {
            for (int j = i + 1; j < columns; j++) {
                double change = Math.abs(after.correlation(i, j) - before.correlation(i, j));
                if (!Double.isNaN(change)) {
                    largest = Math.max(largest, change);
                }
            }
        }
        return largest;
    }

    private static List<CategoryChange> categoryChanges(List<String> categorical, TableProfile before, TableProfile after) {
        List<CategoryChange> changes = new ArrayList<>();
        for (int i = 0; i < categorical.size(); i++) {
            Map<String, Long> b = before.categories.get(i);
            Map<String, Long> a = after.categories.get(i);
            Set<String> values = new HashSet<>(b.keySet());
            values.addAll(a.keySet());
            long largest = 0;
            double relative = 0;
            for (String value : values) {
                long countBefore = b.getOrDefault(value, 0L);
                long change = Math.abs(a.getOrDefault(value, 0L) - countBefore);
                largest = Math.max(largest, change);
                relative = Math.max(relative, countBefore == 0 ? (change == 0 ? 0 : Double.POSITIVE_INFINITY) : (double) change / countBefore);
            }
            changes.add(new CategoryChange(categorical.get(i), values.size(), largest, relative));
        }
        return changes;
    }
}
