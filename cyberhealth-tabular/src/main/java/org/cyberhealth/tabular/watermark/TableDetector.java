package org.cyberhealth.tabular.watermark;

import java.util.function.DoubleConsumer;
import org.cyberhealth.tabular.io.BackgroundRows;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * Reads the votes for every message bit out of a suspect table, blind (no original needed), in constant
 * memory. Rows may be missing, added, reordered or altered, and marked columns may be missing: each
 * surviving marked cell still votes for its bit (Li, Swarup and Jajodia's detection).
 */
public final class TableDetector {

    private static final int PROGRESS_EVERY = 1 << 16;

    private final TableSchema schema;
    private final MarkingKey key;
    private final MarkParameters parameters;

    public TableDetector(TableSchema schema, MarkingKey key, MarkParameters parameters) {
        this.schema = schema.requireMarkedColumns();
        this.key = key;
        this.parameters = parameters;
    }

    /** The votes of table {@code suspect}, parsed on a background thread. */
    public BitVotes votes(TableLocation suspect, DoubleConsumer progress) {
        java.util.Set<String> needed = new java.util.HashSet<>(schema.key());
        schema.markedColumns().forEach(c -> needed.add(c.name()));
        try (BackgroundRows rows = new BackgroundRows(); TableReader reader = rows.read(suspect.openReader(needed))) {
            return votes(reader, progress);
        }
    }

    public BitVotes votes(TableReader input, DoubleConsumer progress) {
        KeyedCells cells = new KeyedCells(schema, input.header(), key, parameters);
        BitVotes votes = new BitVotes(parameters.messageLength());
        String[] row;
        while ((row = input.next()) != null) {
            votes.countRow();
            if (cells.locate(row)) {
                int bit = cells.readBit(row);
                if (bit >= 0) {
                    votes.add(cells.messageIndex(), bit);
                }
            }
            if (votes.rows() % PROGRESS_EVERY == 0) {
                progress.accept(input.progress());
            }
        }
        return votes;
    }
}
