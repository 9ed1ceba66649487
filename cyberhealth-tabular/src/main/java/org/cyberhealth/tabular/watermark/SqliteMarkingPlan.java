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
 * Marking inside SQLite: the copy is one {@code INSERT ... SELECT ... ORDER BY rowid} in which every
 * marked (or following) column becomes a call {@code cyberhealth_mark(column, rowid)}. A second thread
 * reads the key, marked and following cells of the same rows in the same order on its own connection and
 * marks them ahead (exactly as the streaming marker does, the same {@link TableMarker.RowMarking}), so
 * SQLite's thread only hands each row's marked cells back: the two cores share the work, and a call
 * carries one integer instead of the row's text. SQLite evaluates a row's columns in order, so the first
 * marked column's call takes the next marked row and the later ones read their cells from it; the rowid
 * passed in is checked against the row's, so the two scans can never drift apart silently.
 */
final class SqliteMarkingPlan implements SqliteCopyPlan {

    static final String FUNCTION = "cyberhealth_mark";
    private static final int CHUNK = 4_096;
    private static final int CHUNKS_AHEAD = 4;
    private static final int PROGRESS_EVERY = 1 << 16;

    /** Marked rows in scan order; after the last row, a chunk of none, or one carrying the failure. */
    private record Chunk(long[] rowids, String[][] rows, int size, RuntimeException failure) {}

    private final TableMarker marker;
    private final TableSchema schema;
    private final DoubleConsumer progress;
    private final BlockingQueue<Chunk> ahead = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private List<String> involved;
    private TableMarker.RowMarking marking;
    private int first;
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
        String leftmost = null;
        for (String column : outputs) {
            if (source.indexOf(column) >= 0) {
                String call = FUNCTION + "(" + header.indexOf(column) + ", " + rowid + ")";
                int at = source.indexOf(column);
                expressions.put(column, source.types().get(at).equals(SqlType.ANY) ? keepingStorageClass(call, column) : call);
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

    private void markAhead(RowidScan scan) {
        try (scan) {
            Chunk chunk = new Chunk(new long[CHUNK], new String[CHUNK][], 0, null);
            String[] row;
            int size = 0;
            while ((row = scan.next()) != null) {
                marking.mark(row);
                chunk.rowids[size] = scan.rowid();
                chunk.rows[size++] = row;
                if (size == CHUNK) {
                    ahead.put(new Chunk(chunk.rowids, chunk.rows, size, null));
                    chunk = new Chunk(new long[CHUNK], new String[CHUNK][], 0, null);
                    size = 0;
                }
                if (marking.rows() % PROGRESS_EVERY == 0) {
                    progress.accept(scan.progress());
                }
            }
            ahead.put(new Chunk(chunk.rowids, chunk.rows, size, null));
            ahead.put(new Chunk(null, null, 0, null));
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failure = e instanceof RuntimeException runtime ? runtime
                    : new BadInputException("cannot read the table to mark: " + e.getMessage(), e);
            ahead.offer(new Chunk(null, null, 0, failure));
        }
    }

    /** The SQL function: the marked cell {@code column} of the row whose rowid is given. */
    private final class MarkedCells extends org.sqlite.Function {
        private Chunk chunk;
        private int next;
        private String[] row;

        @Override
        protected void xFunc() throws SQLException {
            int column = value_int(0);
            if (column == first) {
                row = nextRow(value_long(1));
            }
            String cell = row[column];
            if (cell == null) {
                result();
            } else {
                result(cell);
            }
        }

        private String[] nextRow(long rowid) throws SQLException {
            while (chunk == null || next == chunk.size()) {
                chunk = take();
                next = 0;
                if (chunk.rowids() == null) {
                    throw new SQLException("the copy visited more rows than the marking scan");
                }
            }
            if (chunk.rowids()[next] != rowid) {
                throw new SQLException("the marking scan and the copy visited rows in different orders");
            }
            return chunk.rows()[next++];
        }

        private Chunk take() throws SQLException {
            try {
                Chunk taken = ahead.take();
                if (taken.failure() != null) {
                    throw new SQLException("marking failed: " + taken.failure().getMessage());
                }
                return taken;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted");
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
