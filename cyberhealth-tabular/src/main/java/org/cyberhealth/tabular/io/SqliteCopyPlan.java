package org.cyberhealth.tabular.io;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * How {@link JdbcLocation#copyWithinSqlite} rewrites columns while SQLite copies a table itself: SQL
 * expressions for some columns (by name), and the Java functions those expressions call, registered on
 * the connection that runs the copy.
 */
public interface SqliteCopyPlan {

    /** The expression for each column to rewrite (quoted column names of the source may appear in it). */
    Map<String, String> expressions(TableHeader source);

    void register(Connection connection) throws SQLException;
}
