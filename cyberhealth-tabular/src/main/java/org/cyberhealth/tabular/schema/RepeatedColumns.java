package org.cyberhealth.tabular.schema;

/**
 * Which columns repeat another column's value at their start in every sampled row where both are
 * filled, and are longer in at least one: a datetime repeating a date ({@code 2019-03-04 10:15:00}
 * after {@code 2019-03-04}). The profiler proposes such a column as following the other, so that a mark
 * on the date moves the datetime with it.
 */
final class RepeatedColumns {

    private final int width;
    private final boolean[] broken;
    private final boolean[] longer;
    private final boolean[] filledTogether;

    RepeatedColumns(int width) {
        this.width = width;
        broken = new boolean[width * width];
        longer = new boolean[width * width];
        filledTogether = new boolean[width * width];
    }

    void add(String[] row) {
        for (int shorter = 0; shorter < width; shorter++) {
            String prefix = row[shorter];
            if (prefix == null || prefix.isEmpty()) {
                continue;
            }
            for (int repeating = 0; repeating < width; repeating++) {
                int pair = shorter * width + repeating;
                String cell = row[repeating];
                if (repeating == shorter || broken[pair] || cell == null || cell.isEmpty()) {
                    continue;
                }
                filledTogether[pair] = true;
                if (!cell.startsWith(prefix)) {
                    broken[pair] = true;
                } else if (cell.length() > prefix.length()) {
                    longer[pair] = true;
                }
            }
        }
    }

    /** The column that {@code column} repeats (the first such), or -1. */
    int repeated(int column) {
        for (int shorter = 0; shorter < width; shorter++) {
            int pair = shorter * width + column;
            if (filledTogether[pair] && !broken[pair] && longer[pair]) {
                return shorter;
            }
        }
        return -1;
    }
}
