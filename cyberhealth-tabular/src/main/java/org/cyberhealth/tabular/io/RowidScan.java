package org.cyberhealth.tabular.io;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * Reads some columns of an SQLite table with each row's rowid, in rowid order: the order in which
 * {@link JdbcLocation#copyWithinSqlite} visits the same rows, so that a thread holding this scan can prepare
 * each row's work before SQLite asks for it. Its own read-only connection, in one read transaction (one
 * snapshot of the table), or the writer's own connection when it writes into the same file; rows packed
 * in batches ({@link PackedRows}); memory stays constant.
 */
public final class RowidScan implements AutoCloseable {

    private final Connection connection;
    private final boolean owned;
    private final double lastRowid;
    private PackedRows rows;

    /** A scan on its own read-only {@code connection}, which it closes. */
    RowidScan(Connection connection, String from, String rowidName, List<String> columns, String source) {
        this(connection, true, from, rowidName, columns, source);
    }

    /** A scan on a connection that stays its owner's, inside the owner's transaction. */
    static RowidScan sharing(Connection connection, String from, String rowidName, List<String> columns, String source) {
        return new RowidScan(connection, false, from, rowidName, columns, source);
    }

    private RowidScan(Connection connection, boolean owned, String from, String rowidName, List<String> columns, String source) {
        this.connection = connection;
        this.owned = owned;
        try {
            if (owned) {
                connection.setAutoCommit(false);
            }
            try (Statement max = connection.createStatement();
                    ResultSet last = max.executeQuery("SELECT max(" + rowidName + ") FROM " + from)) {
                lastRowid = last.next() ? Math.max(1, last.getLong(1)) : 1;
            }
            rows = new PackedRows(connection, from, rowidName, columns);
        } catch (SQLException e) {
            close();
            throw new BadInputException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The next row's cells (the chosen columns, in order), or null after the last row. */
    public String[] next() throws SQLException {
        return rows.next();
    }

    /** The rowid of the row {@link #next} returned last. */
    public long rowid() {
        return rows.rowid();
    }

    /** About how far the scan has come, from 0 to 1 (rowids are mostly dense). */
    public double progress() {
        return Math.min(1, rows.rowid() / lastRowid);
    }

    @Override
    public void close() {
        try {
            if (rows != null) {
                rows.close();
            }
            if (owned) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException ignored) {
            // Only reads: closing cannot lose anything.
        }
    }
}
