package org.cyberhealth.tabular.io;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@link JdbcLocation#copyWithinSqlite} rewrites columns while SQLite copies a table itself: SQL
 * expressions for some columns (by name), the Java functions those expressions call, and whatever feeds
 * those functions, started before the copy and closed after it.
 */
public interface SqliteCopyPlan extends AutoCloseable {

    /**
     * The expression for each column to rewrite: quoted column names of the source, and {@code rowid},
     * the name under which the source's rowid can be read, may appear in it.
     */
    Map<String, String> expressions(TableHeader source, String rowid);

    /**
     * Registers the plan's functions on the connection that runs the copy and starts what feeds them;
     * {@code scan} opens a scan of some source columns in the order in which the copy visits the rows.
     */
    void start(Connection connection, Function<List<String>, RowidScan> scan) throws SQLException;

    /** Stops what {@link #start} began, copy done or failed; throws the failure of the plan's own work, if any. */
    @Override
    void close();
}
