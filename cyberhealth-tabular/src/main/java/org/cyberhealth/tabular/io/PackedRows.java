package org.cyberhealth.tabular.io;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/**
 * Some columns of an SQLite table with each row's rowid, in rowid order, a few thousand rows per query:
 * SQLite packs each batch into one value, so the rows cross into Java once per batch instead of once per
 * cell (reading a cell over JDBC costs more than packing it). A row is its rowid, a comma, then each
 * cell as its length in bytes, a colon and its text (a dash for NULL); the text is SQLite's own text
 * of the value, as JDBC's getString gives it. Lengths count bytes of the database's encoding, so this
 * reads UTF-8 databases only ({@link #readable}). The rowids must come out strictly increasing, which
 * is checked.
 */
final class PackedRows implements AutoCloseable {

    private static final int BATCH = 4_096;

    private final PreparedStatement batches;
    private final int width;
    private byte[] packed;
    private int at;
    private boolean ended;
    private long rowid;
    private boolean started;

    PackedRows(Connection connection, String from, String rowidName, List<String> columns) throws SQLException {
        if (!readable(connection)) {
            throw new SQLException("the database's text is not UTF-8");
        }
        width = columns.size();
        StringJoiner inner = new StringJoiner(", ", "SELECT " + rowidName + " AS c0" + (columns.isEmpty() ? "" : ", "), "");
        StringJoiner row = new StringJoiner(" || ", "c0 || ','" + (columns.isEmpty() ? "" : " || "), "");
        for (int i = 0; i < width; i++) {
            inner.add(SqlNames.identifier(columns.get(i)) + " AS c" + (i + 1));
            String cell = "c" + (i + 1);
            row.add("ifnull(octet_length(" + cell + ") || ':' || " + cell + ", '-')");
        }
        batches = connection.prepareStatement("SELECT group_concat(" + row + ", '') FROM (" + inner + " FROM " + from + " WHERE "
                + rowidName + " >= ? ORDER BY " + rowidName + " LIMIT " + BATCH + ")");
    }

    /** Whether the database's text is UTF-8, which the lengths in bytes assume. */
    static boolean readable(Connection connection) throws SQLException {
        try (var query = connection.createStatement(); ResultSet encoding = query.executeQuery("PRAGMA encoding")) {
            return encoding.next() && "UTF-8".equalsIgnoreCase(encoding.getString(1));
        }
    }

    /** The next row's cells, or null after the last row. */
    String[] next() throws SQLException {
        if (packed == null || at == packed.length) {
            if (ended || !fetch()) {
                return null;
            }
        }
        long read = number(',');
        if (started && read <= rowid) {
            throw new SQLException("SQLite returned the rows out of rowid order");
        }
        rowid = read;
        started = true;
        String[] cells = new String[width];
        for (int i = 0; i < width; i++) {
            if (packed[at] == '-') {
                at++;
                continue;
            }
            int length = (int) number(':');
            cells[i] = new String(packed, at, length, StandardCharsets.UTF_8);
            at += length;
        }
        return cells;
    }

    private boolean fetch() throws SQLException {
        if (started && rowid == Long.MAX_VALUE) {
            ended = true;
            return false;
        }
        batches.setLong(1, started ? rowid + 1 : Long.MIN_VALUE);
        try (ResultSet batch = batches.executeQuery()) {
            packed = batch.next() ? batch.getBytes(1) : null;
        }
        at = 0;
        if (packed == null || packed.length == 0) {
            ended = true;
            return false;
        }
        return true;
    }

    /** The decimal number at the read position, up to {@code end}, which is skipped. */
    private long number(char end) {
        boolean negative = packed[at] == '-';
        if (negative) {
            at++;
        }
        long value = 0;
        byte digit;
        while ((digit = packed[at++]) != end) {
            value = value * 10 + (digit - '0');
        }
        return negative ? -value : value;
    }

    /** The rowid of the row {@link #next} returned last. */
    long rowid() {
        return rowid;
    }

    @Override
    public void close() throws SQLException {
        batches.close();
    }
}
