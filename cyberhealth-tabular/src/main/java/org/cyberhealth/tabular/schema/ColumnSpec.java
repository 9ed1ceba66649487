package org.cyberhealth.tabular.schema;

import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * One column of a {@link TableSchema}: its type and, when it may carry marks, how far a value may move.
 *
 * @param scale for decimals, the number of digits after the point that the mark works on (the "last
 *     digit"); 0 otherwise
 * @param mark whether the watermark may change values of this column
 * @param maxChange the largest allowed change of one value, in units of the last declared digit (days for
 *     dates); the mark changes a value by at most this much
 * @param values for categorical columns, the allowed values (a mark only swaps one for another); empty
 *     otherwise
 * @param follows the marked column this one repeats, or null: where a cell starts with the marked cell's
 *     original value (a datetime repeating a date), it gets the marked value too, so that the two stay
 *     consistent and a leaker cannot undo the mark by copying one over the other
 */
public record ColumnSpec(String name, ColumnType type, int scale, boolean mark, long maxChange, List<String> values, String follows) {

    /** A column that repeats no other. */
    public ColumnSpec(String name, ColumnType type, int scale, boolean mark, long maxChange, List<String> values) {
        this(name, type, scale, mark, maxChange, values, null);
    }

    public ColumnSpec {
        if (follows != null && (mark || follows.equals(name))) {
            throw new BadInputException("column " + name + ": a column that follows another cannot carry marks of its own");
        }
        values = List.copyOf(values);
        if (name == null || name.isEmpty()) {
            throw new BadInputException("a column without a name in the schema");
        }
        if (scale < 0 || scale > 12) {
            throw new BadInputException("column " + name + ": scale must be between 0 and 12, got " + scale);
        }
        if (scale != 0 && type != ColumnType.DECIMAL) {
            throw new BadInputException("column " + name + ": only decimal columns have a scale");
        }
        if (mark && (type == ColumnType.TEXT)) {
            throw new BadInputException("column " + name + ": text columns cannot carry marks");
        }
        if (mark && type == ColumnType.CATEGORICAL && values.size() < 2) {
            throw new BadInputException("column " + name + ": a marked categorical column needs at least two allowed values");
        }
        if (mark && type != ColumnType.CATEGORICAL && (maxChange < 1 || maxChange > 1L << 20)) {
            throw new BadInputException("column " + name + ": maxChange must be between 1 and 1048576 units, got " + maxChange);
        }
    }

    /** An unmarked column of {@code type}. */
    public static ColumnSpec unmarked(String name, ColumnType type, int scale) {
        return new ColumnSpec(name, type, scale, false, 0, List.of());
    }

    /**
     * How many low-order bits of the value a mark may use: a bit {@code j} below this changes the value by
     * {@code 2^j <= maxChange} units (Li, Swarup and Jajodia's xi).
     */
    public int markableBits() {
        return 63 - Long.numberOfLeadingZeros(maxChange) + 1;
    }
}
