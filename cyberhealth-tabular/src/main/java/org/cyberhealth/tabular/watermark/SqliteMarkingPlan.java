package org.cyberhealth.tabular.watermark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.RowidScan;
import org.cyberhealth.tabular.io.SqlNames;
import org.cyberhealth.tabular.io.SqliteCopyPlan;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableHeader.SqlType;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * Marking inside SQLite: SQLite copies the table itself, one range of rowids at a time, while a second
 * thread reads the key, marked and following cells of the same rows in the same order on its own
 * connection and marks them ahead (exactly as the streaming marker does, the same
 * {@link TableMarker.RowMarking}). Only the rows whose cells the mark changed cross back into SQLite: each
 * range comes with a blob holding one byte per rowid, 1 for those rows, and every marked (or following)
 * column becomes {@code CASE WHEN <the row's byte is 1> THEN cyberhealth_mark(column, rowid) ELSE column END},
 * so the other rows are copied natively without a call into Java (a call costs about as much as copying
 * the row). SQLite evaluates a row's columns in order, so the first marked column's call takes the next
 * changed row and the later ones read their cells from it. The rowid passed in is checked against the
 * changed row's, and each range's count of copied rows against the scan's, so the two scans can never
 * drift apart silently.
 */
final class SqliteMarkingPlan implements SqliteCopyPlan {

    static final String FUNCTION = "cyberhealth_mark";
    private static final int CHUNK = 4_096;
    /** The most rowids one range's blob covers: rowids with large gaps between them take more ranges. */
    private static final int SPAN = 4 * CHUNK;
    private static final int CHUNKS_AHEAD = 4;
    private static final int PROGRESS_EVERY = 1 << 16;
    private static final byte REWRITTEN = 1;

    /**
     * The rows of one range of rowids {@code [first, last]} as the marking scan saw them: how many, which
     * of them the mark changed (a byte per rowid from {@code start}) and their marked cells.
     */
    private static final class Range {
        final long first;
        long start;
        long last;
        int rows;
        final byte[] rewritten;
        final long[] rowids;
        final String[][] cells;
        int size;
        int taken;

        Range(long first, int span) {
            this.first = first;
            rewritten = new byte[span];
            rowids = new long[span == 0 ? 0 : CHUNK];
            cells = new String[rowids.length][];
        }

        /** Whether the row with {@code rowid} (after the others) can join: a full range or too wide a blob says no. */
        boolean holds(long rowid) {
            return rows == 0 || rows < CHUNK && Long.compareUnsigned(rowid - start, SPAN) < 0;
        }

        void add(long rowid, String[] changed) {
            if (rows++ == 0) {
                start = rowid;
            }
            last = rowid;
            if (changed != null) {
                rewritten[(int) (rowid - start)] = REWRITTEN;
                rowids[size] = rowid;
                cells[size++] = changed;
            }
        }

        /** The changed row that SQLite asks for next, which must be the one with {@code rowid}. */
        String[] take(long rowid) throws SQLException {
            if (taken == size || rowids[taken] != rowid) {
                throw new SQLException("the marking scan and the copy visited different rows (is the table being changed?)");
            }
            return cells[taken++];
        }
    }

    private final TableMarker marker;
    private final TableSchema schema;
    private final DoubleConsumer progress;
    private final BlockingQueue<Range> ahead = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private List<String> involved;
    private TableMarker.RowMarking marking;
    private int first;
    private Range current;
    private Thread worker;
    private volatile RuntimeException failure;

    SqliteMarkingPlan(TableMarker marker, TableSchema schema, DoubleConsumer progress) {
        this.marker = marker;
        this.schema = schema;
        this.progress = progress;
    }

    @Override
    public Map<String, String> expressions(TableHeader source, String rowid) {
        Set<String> cells = new LinkedHashSet<>(schema.key());
        List<String> outputs = new ArrayList<>();
        for (ColumnSpec marked : schema.markedColumns()) {
            cells.add(marked.name());
            outputs.add(marked.name());
            for (String follower : schema.followersOf(marked.name())) {
                cells.add(follower);
                outputs.add(follower);
            }
        }
        involved = cells.stream().filter(c -> source.indexOf(c) >= 0).toList();
        TableHeader header = TableHeader.untyped(involved);
        marking = marker.rowMarking(header);
        Map<String, String> expressions = new HashMap<>();
        String changedRow = "substr(" + BLOB + ", " + rowid + " - " + BLOB_START + " + 1, 1) = x'0" + REWRITTEN + "'";
        String leftmost = null;
        for (String column : outputs) {
            if (source.indexOf(column) >= 0) {
                String call = FUNCTION + "(" + header.indexOf(column) + ", " + rowid + ")";
                int at = source.indexOf(column);
                String marked = source.types().get(at).equals(SqlType.ANY) ? keepingStorageClass(call, column) : call;
                expressions.put(column, "CASE WHEN " + changedRow + " THEN " + marked + " ELSE " + SqlNames.identifier(column) + " END");
                if (leftmost == null || source.indexOf(column) < source.indexOf(leftmost)) {
                    leftmost = column;
                }
            }
        }
        first = header.indexOf(leftmost);
        return expressions;
    }

    /**
     * The call, its text result stored as the source cell was: a column declared without a type keeps
     * whatever it is given, and a marked number must not come back as text. An integer that the mark
     * gave a fraction (a decimal column holding 7) becomes a real, never a truncated integer.
     */
    private static String keepingStorageClass(String call, String column) {
        String cell = SqlNames.identifier(column);
        return "CASE typeof(" + cell + ") WHEN 'integer' THEN CAST(" + call + " AS NUMERIC) WHEN 'real' THEN CAST(" + call
                + " AS REAL) ELSE " + call + " END";
    }

    @Override
    public void start(Connection connection, Function<List<String>, RowidScan> scan) throws SQLException {
        org.sqlite.Function.create(connection, FUNCTION, new MarkedCells(), 2, 0);
        RowidScan rows = scan.apply(involved);
        worker = new Thread(() -> markAhead(rows), "cyberhealth-mark-ahead");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void copy(RangeCopy ranges) throws SQLException {
        do {
            current = take();
            long copied = ranges.copy(current.first, current.last, current.rewritten, current.start);
            if (copied != current.rows || current.taken != current.size) {
                throw new SQLException("the marking scan and the copy visited different rows (is the table being changed?)");
            }
        } while (current.last != Long.MAX_VALUE);
    }

    /**
     * Marks the rows in rowid order and hands them over range by range; the ranges follow each other
     * without a gap, and the last one runs to the largest rowid, so the copy visits every row it can see.
     */
    private void markAhead(RowidScan scan) {
        try (scan) {
            Range range = new Range(Long.MIN_VALUE, SPAN);
            String[] row;
            while ((row = scan.next()) != null) {
                long rowid = scan.rowid();
                if (!range.holds(rowid)) {
                    ahead.put(range);
                    range = new Range(range.last + 1, SPAN);
                }
                range.add(rowid, marking.mark(row) ? row : null);
                if (marking.rows() % PROGRESS_EVERY == 0) {
                    progress.accept(scan.progress());
                }
            }
            if (range.rows > 0) {
                ahead.put(range);
                if (range.last == Long.MAX_VALUE) {
                    return;
                }
                range = new Range(range.last + 1, 0);
            }
            range.last = Long.MAX_VALUE;
            ahead.put(range);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failure = e instanceof RuntimeException runtime ? runtime
                    : new BadInputException("cannot read the table to mark: " + e.getMessage(), e);
        }
    }

    private Range take() throws SQLException {
        try {
            Range taken;
            while ((taken = ahead.poll(100, TimeUnit.MILLISECONDS)) == null) {
                if (failure != null) {
                    throw new SQLException("marking failed: " + failure.getMessage());
                }
            }
            return taken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted");
        }
    }

    /** The SQL function: the marked cell {@code column} of the changed row whose rowid is given. */
    private final class MarkedCells extends org.sqlite.Function {
        private String[] row;

        @Override
        protected void xFunc() throws SQLException {
            int column = value_int(0);
            if (column == first) {
                row = current.take(value_long(1));
            }
            String cell = row[column];
            if (cell == null) {
                result();
            } else {
                result(cell);
            }
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    MarkReport report() {
        return marking.report();
    }
}
