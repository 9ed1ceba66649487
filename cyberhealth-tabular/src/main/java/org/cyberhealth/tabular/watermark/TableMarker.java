package org.cyberhealth.tabular.watermark;

import java.util.BitSet;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.BackgroundRows;
import org.cyberhealth.tabular.io.JdbcLocation;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * Embeds a message in a table, row by row in constant memory: the distortion-based scheme of Agrawal and
 * Kiernan ("Watermarking relational databases", VLDB 2002) in its multi-bit form by Li, Swarup and
 * Jajodia ("Fingerprinting relational databases: schemes and specialties", IEEE TDSC 2005). For one tuple
 * in gamma, chosen by HMAC of its key, one marked attribute gets one of its low-order bits set to
 * (message bit XOR a keyed mask). The message is the owner mark followed by the recipient's codeword.
 * Blind: detection needs the key and the parameters, never the original table.
 */
public final class TableMarker {

    private static final int PROGRESS_EVERY = 1 << 16;

    private final TableSchema schema;
    private final MarkingKey key;
    private final MarkParameters parameters;
    private final BitSet message;

    /** @param codeword the recipient's fingerprint ({@code parameters.codeLength()} bits; empty for none) */
    public TableMarker(TableSchema schema, MarkingKey key, MarkParameters parameters, BitSet codeword) {
        this.schema = schema.requireMarkedColumns();
        this.key = key;
        this.parameters = parameters;
        message = key.ownerBits(parameters.ownerBits());
        for (int i = codeword.nextSetBit(0); i >= 0; i = codeword.nextSetBit(i + 1)) {
            if (i >= parameters.codeLength()) {
                throw new IllegalArgumentException("codeword longer than " + parameters.codeLength() + " bits");
            }
            message.set(parameters.ownerBits() + i);
        }
    }

    /**
     * Marks table {@code input} into the new table {@code output}, parsing and writing on background
     * threads, or, from an SQLite table with rowids to SQLite, inside SQLite itself ({@link SqliteMarkingPlan};
     * UTF-8 files only). {@code beforePublishing} sees the report before the output becomes visible and may
     * refuse it by throwing, in which case nothing is written.
     */
    public MarkReport mark(TableLocation input, TableLocation output, boolean overwrite, DoubleConsumer progress,
            Consumer<MarkReport> beforePublishing) {
        if (output instanceof JdbcLocation target && input instanceof JdbcLocation source && target.canCopyWithinSqlite(source)) {
            SqliteMarkingPlan plan = new SqliteMarkingPlan(this, schema, progress);
            target.copyWithinSqlite(source, overwrite, plan, () -> beforePublishing.accept(plan.report()));
            progress.accept(1);
            return plan.report();
        }
        MarkReport[] report = new MarkReport[1];
        try (BackgroundRows rows = new BackgroundRows(); TableReader reader = rows.read(input.openReader())) {
            output.write(reader.header(), overwrite, sink -> {
                rows.write(sink, inner -> report[0] = mark(reader, inner, progress));
                beforePublishing.accept(report[0]);
            });
        }
        return report[0];
    }

    /** Reads every row of {@code input}, writes it (marked or not) to {@code output}, in order. */
    public MarkReport mark(TableReader input, RowSink output, DoubleConsumer progress) {
        RowMarking marking = rowMarking(input.header());
        String[] row;
        while ((row = input.next()) != null) {
            marking.mark(row);
            output.write(row);
            if (marking.rows() % PROGRESS_EVERY == 0) {
                progress.accept(input.progress());
            }
        }
        return marking.report();
    }

    /** Marks rows one at a time, in place, for a table with {@code header}'s columns. */
    RowMarking rowMarking(TableHeader header) {
        return new RowMarking(header);
    }

    /** The per-row work of marking, and its counts. */
    final class RowMarking {
        private final KeyedCells cells;
        private final MarkedColumns columns;
        private final MarkReport.Counter counter;
        private final boolean[] numeric;

        private RowMarking(TableHeader header) {
            cells = new KeyedCells(schema, header, key, parameters);
            String missing = cells.columns().firstMissing();
            if (missing != null) {
                throw new BadInputException("the table has no column " + missing + ", which the schema marks");
            }
            columns = cells.columns();
            counter = new MarkReport.Counter(columns.count());
            numeric = new boolean[columns.count()];
            for (int i = 0; i < numeric.length; i++) {
                numeric[i] = columns.spec(i).type() == ColumnType.INTEGER || columns.spec(i).type() == ColumnType.DECIMAL;
            }
        }

        /** Marks {@code row} in place; returns whether any of its cells changed. */
        boolean mark(String[] row) {
            counter.row();
            for (int i = 0; i < numeric.length; i++) {
                if (numeric[i]) {
                    counter.original(i, row[columns.index(i)]);
                }
            }
            if (!cells.locate(row)) {
                return false;
            }
            if (cells.readBit(row) < 0) {
                counter.unusable(cells.attribute());
                return false;
            }
            String before = row[cells.column()];
            String after = cells.writeBit(row, message.get(cells.messageIndex()) ? 1 : 0);
            boolean changed = !after.equals(before);
            counter.carrier(cells.attribute(), changed);
            row[cells.column()] = after;
            if (changed) {
                if (numeric[cells.attribute()]) {
                    counter.shift(cells.attribute(), before, after);
                }
                carryOver(row, columns.followers(cells.attribute()), before, after);
            }
            return changed;
        }

        long rows() {
            return counter.rows();
        }

        MarkReport report() {
            return counter.report(schema);
        }
    }

    /** Gives the columns that repeat the marked cell (a datetime repeating a date) its new value. */
    private static void carryOver(String[] row, int[] followers, String before, String after) {
        for (int follower : followers) {
            String cell = row[follower];
            if (cell != null && cell.startsWith(before)) {
                row[follower] = after + cell.substring(before.length());
            }
        }
    }
}
