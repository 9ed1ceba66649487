package org.cyberhealth.tabular.io;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import org.cyberhealth.core.BadInputException;

/**
 * Reads some columns of an SQLite table with each row's rowid, in rowid order: the order in which
 * {@link JdbcLocation#copyWithinSqlite} visits the same rows, so that a thread holding this scan can prepare
 * each row's work before SQLite asks for it. Its own read-only connection; memory stays constant.
 */
public final class RowidScan implements AutoCloseable {

    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final int width;
    private final double lastRowid;
    private long rowid;

    RowidScan(Connection connection, String from, String rowidName, List<String> columns, String source) {
        this.connection = connection;
        width = columns.size();
        StringJoiner select = new StringJoiner(", ", "SELECT " + rowidName + (columns.isEmpty() ? "" : ", "), " FROM " + from + " ORDER BY " + rowidName);
        columns.forEach(column -> select.add(SqlNames.identifier(column)));
        try {
            connection.setAutoCommit(false);
            try (Statement max = connection.createStatement();
                    ResultSet last = max.executeQuery("SELECT max(" + rowidName + ") FROM " + from)) {
                lastRowid = last.next() ? Math.max(1, last.getLong(1)) : 1;
            }
            statement = connection.createStatement();
            rows = statement.executeQuery(select.toString());
        } catch (SQLException e) {
            close();
            throw new BadInputException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The next row's cells (the chosen columns, in order), or null after the last row. */
    public String[] next() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        rowid = rows.getLong(1);
        String[] cells = new String[width];
        for (int i = 0; i < width; i++) {
            cells[i] = rows.getString(i + 2);
        }
        return cells;
    }

    /** The rowid of the row {@link #next} returned last. */
    public long rowid() {
        return rowid;
    }

    /** About how far the scan has come, from 0 to 1 (rowids are mostly dense). */
    public double progress() {
        return Math.min(1, rowid / lastRowid);
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // A read-only connection: closing it cannot lose anything.
        }
    }
}
