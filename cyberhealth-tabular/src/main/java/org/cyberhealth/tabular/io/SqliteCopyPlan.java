package org.cyberhealth.tabular.io;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@link JdbcLocation#copyWithinSqlite} rewrites columns while SQLite copies a table itself, one range
 * of rowids at a time: SQL expressions for some columns (by name), the Java functions those expressions
 * call, and whatever feeds those functions; the plan chooses the ranges, and may give each one a blob that
 * its expressions read (so that a cheap test in SQL can decide which rows need Java at all).
 */
public interface SqliteCopyPlan extends AutoCloseable {

    /** Parameter holding the range's blob in the expressions. */
    String BLOB = "?3";
    /** Parameter holding the rowid of the blob's first byte in the expressions. */
    String BLOB_START = "?4";

    /**
     * The expression for each column to rewrite: quoted column names of the source, {@code rowid} (the
     * name under which the source's rowid can be read), {@link #BLOB} and {@link #BLOB_START} may appear in it.
     */
    Map<String, String> expressions(TableHeader source, String rowid);

    /** Copies the source rows whose rowid is in {@code [first, last]}, in rowid order; returns how many it copied. */
    @FunctionalInterface
    interface RangeCopy {
        long copy(long first, long last, byte[] blob, long blobStart) throws SQLException;
    }

    /**
     * Registers the plan's functions on the connection that runs the copy and starts what feeds them;
     * {@code scan} opens a scan of some source columns in rowid order on another connection.
     */
    void start(Connection connection, Function<List<String>, RowidScan> scan) throws SQLException;

    /** Copies every row of the source through {@code ranges}, range after range in rowid order, up to and past the last rowid. */
    void copy(RangeCopy ranges) throws SQLException;

    /** Stops what {@link #start} began, copy done or failed; throws the failure of the plan's own work, if any. */
    @Override
    void close();
}
