package org.cyberhealth.tabular.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cyberhealth.tabular.io.TableReader;

/**
 * Proposes a schema from the first rows of a table, for a person to review: each column's type (integer,
 * decimal with its scale, ISO date, categorical when few distinct values repeat, else text), a key (the
 * first column named like an identifier whose sampled values are all distinct; otherwise a virtual key
 * of the identifier and date columns), and marks only where a change of one unit in the last digit is
 * harmless: measured decimal values, never identifiers, codes or dates. A date column that repeats another
 * at its start (a datetime) is proposed as following it ({@link RepeatedColumns}).
 */
public final class SchemaProfiler {

    public static final int DEFAULT_SAMPLE_ROWS = 100_000;
    private static final int MAX_CATEGORIES = 50;
    private static final int MIN_DISTINCT_TO_MARK = 20;
    private static final int MAX_SCALE = 6;

    private SchemaProfiler() {}

    public static TableSchema profile(TableReader input, String table, int sampleRows) {
        List<String> names = input.header().columns();
        List<ColumnObservation> observations = new ArrayList<>();
        names.forEach(n -> observations.add(new ColumnObservation(n)));
        RepeatedColumns repeats = new RepeatedColumns(names.size());
        String[] row;
        int rows = 0;
        while (rows < sampleRows && (row = input.next()) != null) {
            rows++;
            for (int i = 0; i < row.length; i++) {
                observations.get(i).add(row[i]);
            }
            repeats.add(row);
        }
        List<ColumnSpec> columns = new ArrayList<>();
        for (ColumnObservation observation : observations) {
            columns.add(observation.proposal());
        }
        for (int i = 0; i < columns.size(); i++) {
            int repeated = repeats.repeated(i);
            ColumnSpec column = columns.get(i);
            if (repeated >= 0 && column.type() == ColumnType.DATE && columns.get(repeated).type() == ColumnType.DATE) {
                columns.set(i, new ColumnSpec(column.name(), column.type(), column.scale(), false, 0, column.values(), names.get(repeated)));
            }
        }
        List<String> key = primaryKey(observations, rows);
        boolean virtual = key.isEmpty();
        if (virtual) {
            key = columns.stream().filter(c -> !c.mark() && c.follows() == null && (identifier(c.name()) || c.type() == ColumnType.DATE)).map(ColumnSpec::name).toList();
        }
        if (key.isEmpty()) {
            key = columns.stream().filter(c -> !c.mark()).map(ColumnSpec::name).toList();
        }
        return new TableSchema(table, key, virtual, columns);
    }

    private static List<String> primaryKey(List<ColumnObservation> observations, int rows) {
        for (ColumnObservation observation : observations) {
            if (rows > 0 && identifier(observation.name) && observation.unique && observation.filled == rows) {
                return List.of(observation.name);
            }
        }
        return List.of();
    }

    static boolean identifier(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("id") || lower.endsWith("_id") || lower.endsWith("id") && lower.length() > 2 && Character.isUpperCase(name.charAt(name.length() - 2));
    }

    /** What the sample showed of one column. */
    private static final class ColumnObservation {
        final String name;
        int filled;
        boolean integers = true;
        boolean decimals = true;
        boolean dates = true;
        int scale;
        boolean unique = true;
        final Set<String> seen = new HashSet<>();
        final Map<String, Integer> counts = new HashMap<>();

        ColumnObservation(String name) {
            this.name = name;
        }

        void add(String cell) {
            if (cell == null || cell.isEmpty()) {
                return;
            }
            filled++;
            if (unique && !seen.add(cell)) {
                unique = false;
                seen.clear();
            }
            if (counts.size() <= MAX_CATEGORIES || counts.containsKey(cell)) {
                counts.merge(cell, 1, Integer::sum);
            }
            int point = cell.indexOf('.');
            boolean number = cell.matches("[-+]?[0-9]*\\.?[0-9]+|[-+]?[0-9]+\\.");
            integers &= number && point < 0;
            decimals &= number;
            if (number && point >= 0) {
                scale = Math.max(scale, cell.length() - point - 1);
            }
            dates &= cell.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}.*");
        }

        ColumnSpec proposal() {
            if (filled == 0) {
                return ColumnSpec.unmarked(name, ColumnType.TEXT, 0);
            }
            int distinct = counts.size();
            boolean few = distinct <= MAX_CATEGORIES && distinct * 2 <= filled;
            if (integers) {
                return few && !identifier(name) ? categorical() : ColumnSpec.unmarked(name, ColumnType.INTEGER, 0);
            }
            if (decimals) {
                int declared = Math.min(scale, MAX_SCALE);
                boolean markable = !identifier(name) && distinct > MIN_DISTINCT_TO_MARK;
                return new ColumnSpec(name, ColumnType.DECIMAL, declared, markable, markable ? 1 : 0, List.of());
            }
            if (dates) {
                return ColumnSpec.unmarked(name, ColumnType.DATE, 0);
            }
            return few ? categorical() : ColumnSpec.unmarked(name, ColumnType.TEXT, 0);
        }

        private ColumnSpec categorical() {
            List<String> values = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).toList();
            return new ColumnSpec(name, ColumnType.CATEGORICAL, 0, false, 0, values);
        }
    }
}
