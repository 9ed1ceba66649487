package org.cyberhealth.tabular.watermark;

import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * Finds, for each row, the cell that carries a message bit (if any) and everything needed to read or
 * write it: the marker and the detector walk rows through this one class, so they can never disagree
 * about where the marks are.
 */
final class KeyedCells {

    private final RowKeys keys;
    private final TupleChoice choice;
    private final MarkedColumns columns;

    private int column;
    private Carrier carrier;
    private int position;

    KeyedCells(TableSchema schema, TableHeader header, MarkingKey key, MarkParameters parameters) {
        keys = new RowKeys(schema.key(), header, schema.table());
        columns = new MarkedColumns(schema, header);
        choice = new TupleChoice(key, parameters.gamma(), columns.count(), parameters.messageLength());
    }

    MarkedColumns columns() {
        return columns;
    }

    /** Draws the row's choices; true when it has a carrier cell in this table. */
    boolean locate(String[] row) {
        choice.draw(keys.encode(row));
        if (!choice.selected()) {
            return false;
        }
        int attribute = choice.attribute();
        column = columns.index(attribute);
        if (column < 0) {
            return false;
        }
        carrier = columns.carrier(attribute);
        position = choice.position(carrier.positions());
        return true;
    }

    /** The message bit's cell position in the row (after {@link #locate}). */
    int column() {
        return column;
    }

    int attribute() {
        return choice.attribute();
    }

    /** The bit the cell holds once the mask is removed, or -1 when the cell carries nothing. */
    int readBit(String[] row) {
        int bit = carrier.bit(row[column], position);
        return bit < 0 ? -1 : bit ^ choice.mask();
    }

    /** The cell with {@code messageBit} embedded. */
    String writeBit(String[] row, int messageBit) {
        return carrier.withBit(row[column], position, messageBit ^ choice.mask());
    }

    int messageIndex() {
        return choice.messageIndex();
    }
}
