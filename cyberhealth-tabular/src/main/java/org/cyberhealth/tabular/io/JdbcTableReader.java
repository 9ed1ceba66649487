package org.cyberhealth.tabular.io;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.TableHeader.SqlType;

/**
 * Streams a database table through a forward-only cursor: the driver fetches rows in batches, so memory
 * stays constant however large the table (PostgreSQL needs a transaction for that, which this reader
 * opens and only ever rolls back).
 */
final class JdbcTableReader implements TableReader {

    private static final int FETCH_SIZE = 10_000;

    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final TableHeader header;
    private final String source;
    private final java.nio.file.Path sqliteFile;
    private final long expectedRows;
    private long rowsRead;
    private boolean finished;
    private boolean released;

    /** @param sqliteFile the SQLite file being read, or null for another database */
    /** @param wanted the columns to read (those the table has), or empty for all */
    JdbcTableReader(Connection connection, String table, String source, java.nio.file.Path sqliteFile, java.util.Collection<String> wanted) {
        this.connection = connection;
        this.source = source;
        this.sqliteFile = sqliteFile;
        OpenSqliteFiles.acquire(sqliteFile);
        try {
            connection.setAutoCommit(false);
            expectedRows = count(connection, table);
            statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            rows = statement.executeQuery("SELECT " + selection(connection, table, wanted) + " FROM " + SqlNames.qualifiedTable(table));
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            List<SqlType> types = new ArrayList<>();
            java.util.Map<String, SqlType> declared = sqliteFile == null ? java.util.Map.of() : SqliteColumns.declared(connection, table);
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                String typeName = meta.getColumnTypeName(i);
                SqlType reported = new SqlType(typeName == null || typeName.isBlank() ? "TEXT" : typeName, meta.getColumnType(i));
                types.add(SqlType.ANY.equals(declared.get(meta.getColumnLabel(i))) ? SqlType.ANY : reported);
            }
            header = new TableHeader(columns, types);
        } catch (SQLException e) {
            closeQuietly();
            throw new BadInputException("cannot read table " + table + " from " + source + ": " + e.getMessage(), e);
        }
    }

    /** The quoted list of the wanted columns that the table has, or * for all. */
    private static String selection(Connection connection, String table, java.util.Collection<String> wanted) throws SQLException {
        if (wanted.isEmpty()) {
            return "*";
        }
        List<String> present = new ArrayList<>();
        try (Statement probe = connection.createStatement();
                ResultSet none = probe.executeQuery("SELECT * FROM " + SqlNames.qualifiedTable(table) + " WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (wanted.contains(meta.getColumnLabel(i))) {
                    present.add(SqlNames.identifier(meta.getColumnLabel(i)));
                }
            }
        }
        return present.isEmpty() ? "*" : String.join(", ", present);
    }

    /** The row count, for the progress bar (one cheap query before the scan). */
    private static long count(Connection connection, String table) throws SQLException {
        try (Statement count = connection.createStatement();
                ResultSet result = count.executeQuery("SELECT COUNT(*) FROM " + SqlNames.qualifiedTable(table))) {
            result.next();
            return result.getLong(1);
        }
    }

    @Override
    public TableHeader header() {
        return header;
    }

    @Override
    public String[] next() {
        try {
            if (finished) {
                return null;
            }
            if (!rows.next()) {
                finish();
                return null;
            }
            String[] row = new String[header.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rows.getString(i + 1);
            }
            rowsRead++;
            return row;
        } catch (SQLException e) {
            throw new BadInputException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Ends the read transaction as soon as the last row is read, so that a writer of the same database is not kept waiting. */
    private void finish() throws SQLException {
        finished = true;
        rows.close();
        statement.close();
        connection.rollback();
        releaseFile();
    }

    private void releaseFile() {
        if (!released) {
            released = true;
            OpenSqliteFiles.release(sqliteFile);
        }
    }

    @Override
    public double progress() {
        return expectedRows == 0 ? 1 : Math.min(1, (double) rowsRead / expectedRows);
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        releaseFile();
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // Nothing was written; the connection is closed next anyway.
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a read-only connection cannot lose data.
        }
    }
}
