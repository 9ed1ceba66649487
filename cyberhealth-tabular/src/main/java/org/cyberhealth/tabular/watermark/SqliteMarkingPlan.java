package org.cyberhealth.tabular.watermark;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@link TableMarker.RowMarking}). Each range comes with a blob that holds, per rowid and per marked (or
 * following) column, a code byte and room for a short cell: 1 keeps the source's cell (the mark left the
 * row alone), 2 + n gives the n bytes of UTF-8 text that follow (the marked cell), and 127 asks Java for
 * the cell (one too long for the room) through {@code cyberhealth_mark(column, rowid)}. So SQLite writes
 * the marked table with plain SQL functions, without a call into Java per row (a call costs about as much
 * as copying the row). SQLite evaluates a row's columns in order, so the first marked column's call takes
 * the next row with a long cell and the later ones read their cells from it. The rowid passed in is
 * checked against that row's, and each range's count of copied rows against the scan's, so the two scans
 * can never drift apart silently.
 */
final class SqliteMarkingPlan implements SqliteCopyPlan {

    static final String FUNCTION = "cyberhealth_mark";
    private static final int CHUNK = 4_096;
    /** The most rowids one range's blob covers: rowids with large gaps between them take more ranges. */
    private static final int SPAN = 4 * CHUNK;
    private static final int CHUNKS_AHEAD = 4;
    private static final int PROGRESS_EVERY = 1 << 16;
    /** The bytes per rowid and column in a range's blob: a code, then the cell's text. */
    private static final int RECORD = 32;
    private static final byte KEEP = 1;
    private static final int TEXT = 2;
    private static final byte IN_JAVA = 127;

    /**
     * The rows of one range of rowids {@code [first, last]} as the marking scan saw them: how many, the
     * blob of codes and cells for the rowids from {@code start} on, and the rows whose cells must come
     * from Java.
     */
    private final class Range {
        final long first;
        long start;
        long last;
        int rows;
        byte[] blob;
        final long[] rowids;
        final String[][] cells;
        int size;
        int taken;

        Range(long first, int span) {
            this.first = first;
            blob = new byte[span * outputs.length * RECORD];
            for (int at = 0; at < blob.length; at += RECORD) {
                blob[at] = KEEP;
            }
            rowids = new long[span == 0 ? 0 : CHUNK];
            cells = new String[rowids.length][];
        }

        /** Whether the row with {@code rowid} (after the others) can join: a full range or too wide a blob says no. */
        boolean holds(long rowid) {
            return rows == 0 || rows < CHUNK && Long.compareUnsigned(rowid - start, SPAN) < 0;
        }

        /** Adds a row; {@code changed} is its marked cells where the mark changed any, else null. */
        void add(long rowid, String[] changed) {
            if (rows++ == 0) {
                start = rowid;
            }
            last = rowid;
            if (changed == null) {
                return;
            }
            int at = (int) (rowid - start) * outputs.length * RECORD;
            byte[][] texts = new byte[outputs.length][];
            for (int j = 0; j < outputs.length; j++) {
                String cell = changed[outputs[j]];
                texts[j] = cell == null ? null : cell.getBytes(StandardCharsets.UTF_8);
                if (texts[j] != null && texts[j].length > RECORD - 1) {
                    for (int k = 0; k < outputs.length; k++) {
                        blob[at + k * RECORD] = IN_JAVA;
                    }
                    rowids[size] = rowid;
                    cells[size++] = changed;
                    return;
                }
            }
            for (int j = 0; j < outputs.length; j++, at += RECORD) {
                if (texts[j] != null) {
                    blob[at] = (byte) (TEXT + texts[j].length);
                    System.arraycopy(texts[j], 0, blob, at + 1, texts[j].length);
                }
            }
        }

        /** Trims the blob to the rowids up to the last one, before the range is handed over. */
        Range sealed() {
            if (rows > 0) {
                blob = Arrays.copyOf(blob, (int) (last - start + 1) * outputs.length * RECORD);
            }
            return this;
        }

        /** The row with a long cell that SQLite asks for next, which must be the one with {@code rowid}. */
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
    /** The marked and following columns in the source, as indexes into the scanned cells. */
    private int[] outputs;
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
        List<String> rewritten = new ArrayList<>();
        for (ColumnSpec marked : schema.markedColumns()) {
            cells.add(marked.name());
            rewritten.add(marked.name());
            for (String follower : schema.followersOf(marked.name())) {
                cells.add(follower);
                rewritten.add(follower);
            }
        }
        involved = cells.stream().filter(c -> source.indexOf(c) >= 0).toList();
        TableHeader header = TableHeader.untyped(involved);
        marking = marker.rowMarking(header);
        List<String> present = rewritten.stream().filter(c -> source.indexOf(c) >= 0).toList();
        this.outputs = present.stream().mapToInt(header::indexOf).toArray();
        Map<String, String> expressions = new HashMap<>();
        String leftmost = null;
        for (int j = 0; j < present.size(); j++) {
            String column = present.get(j);
            String cell = SqlNames.identifier(column);
            String record = "(" + rowid + " - " + BLOB_START + ") * " + present.size() * RECORD + " + " + (j * RECORD + 1);
            String code = "unicode(CAST(substr(" + BLOB + ", " + record + ", 1) AS TEXT))";
            String text = "CAST(substr(" + BLOB + ", " + record + " + 1, " + code + " - " + TEXT + ") AS TEXT)";
            String call = FUNCTION + "(" + header.indexOf(column) + ", " + rowid + ")";
            boolean untyped = source.types().get(source.indexOf(column)).equals(SqlType.ANY);
            expressions.put(column, "CASE " + code + " WHEN " + KEEP + " THEN " + cell + " WHEN " + IN_JAVA + " THEN "
                    + (untyped ? keepingStorageClass(call, column) : call) + " ELSE " + (untyped ? keepingStorageClass(text, column) : text) + " END");
            if (leftmost == null || source.indexOf(column) < source.indexOf(leftmost)) {
                leftmost = column;
            }
        }
        first = header.indexOf(leftmost);
        return expressions;
    }

    /**
     * The marked text, stored as the source cell was: a column declared without a type keeps
     * whatever it is given, and a marked number must not come back as text. An integer that the mark
     * gave a fraction (a decimal column holding 7) becomes a real, never a truncated integer.
     */
    private static String keepingStorageClass(String text, String column) {
        String cell = SqlNames.identifier(column);
        return "CASE typeof(" + cell + ") WHEN 'integer' THEN CAST(" + text + " AS NUMERIC) WHEN 'real' THEN CAST(" + text
                + " AS REAL) ELSE " + text + " END";
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
            long copied = ranges.copy(current.first, current.last, current.blob, current.start);
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
                    ahead.put(range.sealed());
                    range = new Range(range.last + 1, SPAN);
                }
                range.add(rowid, marking.mark(row) ? row : null);
                if (marking.rows() % PROGRESS_EVERY == 0) {
                    progress.accept(scan.progress());
                }
            }
            if (range.rows > 0) {
                ahead.put(range.sealed());
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

    /** The SQL function: the marked cell {@code column} of the row with a long cell whose rowid is given. */
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
