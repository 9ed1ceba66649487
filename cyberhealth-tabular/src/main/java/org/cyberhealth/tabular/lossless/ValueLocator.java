package org.cyberhealth.tabular.lossless;

import java.math.BigDecimal;
import org.cyberhealth.tabular.watermark.MarkingKey;

/**
 * Finds, for one row at a time, everything every pass needs: the tuple's group and sub-group, its value
 * and the value's position on the circle. Embedding, detection and restoration all read rows through
 * this one class, so they can never disagree about which cells take part or where they sit.
 */
final class ValueLocator {

    private final int column;
    private final int scale;
    private final TupleGroups groups;
    private final CellValues cells;
    private final Circle circle;

    private BigDecimal value;
    private long position;

    ValueLocator(MarkedAttribute attribute, MarkingKey key, LosslessParameters parameters) {
        column = attribute.column();
        scale = attribute.scale();
        groups = new TupleGroups(key, parameters.groups(), attribute.keyColumns());
        cells = new CellValues(attribute.scale());
        circle = new Circle(parameters);
    }

    /** Reads the row; true when its cell takes part (then the accessors describe it). */
    boolean locate(String[] row) {
        value = cells.parse(row[column]);
        if (value == null) {
            return false;
        }
        position = circle.position(cells.units(value));
        if (position < 0) {
            return false;
        }
        groups.place(row);
        return true;
    }

    int group() {
        return groups.group();
    }

    int subgroup() {
        return groups.subgroup();
    }

    BigDecimal value() {
        return value;
    }

    long position() {
        return position;
    }

    int column() {
        return column;
    }

    /** The attribute's declared number of digits after the point. */
    int scale() {
        return scale;
    }

    Circle circle() {
        return circle;
    }

    /** How far the located value moves when its group turns by {@code groupDirection}. */
    long move(int groupDirection) {
        return circle.move(position, TupleGroups.turnOf(groups.subgroup(), groupDirection));
    }

    /** The located cell's text after a move of {@code delta} units. */
    String moved(long delta) {
        return cells.moved(value, delta);
    }
}
