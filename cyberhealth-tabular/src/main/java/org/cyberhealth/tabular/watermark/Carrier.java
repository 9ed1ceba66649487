package org.cyberhealth.tabular.watermark;

import org.cyberhealth.tabular.schema.ColumnSpec;

/**
 * How one column's cells carry bits: which bit a cell holds at a low-order position, and the cell with
 * that bit set. A change never moves a value further than the column's declared distortion.
 */
interface Carrier {

    /** How many low-order positions may carry a bit (Li, Swarup and Jajodia's xi). */
    int positions();

    /** The bit at {@code position}, or -1 when the cell carries nothing (empty, not a value of this column). */
    int bit(String cell, int position);

    /** The cell with {@code bit} at {@code position}; the very same string when it already holds it. */
    String withBit(String cell, int position, int bit);

    static Carrier of(ColumnSpec column) {
        return switch (column.type()) {
            case INTEGER, DECIMAL -> new NumericCarrier(column.scale(), column.markableBits());
            case DATE -> new DateCarrier(column.markableBits());
            case CATEGORICAL -> new CategoricalCarrier(column.values());
            case TEXT -> throw new IllegalArgumentException("text columns carry no marks");
        };
    }
}
