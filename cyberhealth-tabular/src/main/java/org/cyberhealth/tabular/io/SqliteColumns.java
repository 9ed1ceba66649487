package org.cyberhealth.tabular.io;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.TableHeader.SqlType;

/**
 * The columns of an SQLite table as declared. A column may have no declared type, and then SQLite keeps
 * each value as it was given; the driver reports such a column as NUMERIC, and a copy declared NUMERIC
 * would turn the text '007' into the integer 7. Read from the table's definition instead, an undeclared
 * column stays {@link SqlType#ANY}.
 */
final class SqliteColumns {

    private SqliteColumns() {}

    /** The header of table {@code table} in the attached database {@code schema} (null: the main one). */
    static TableHeader header(Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        String pragma = "PRAGMA " + (schema == null ? "" : schema + ".") + "table_info(" + SqlNames.identifier(table) + ")";
        try (Statement query = connection.createStatement(); ResultSet info = query.executeQuery(pragma)) {
            while (info.next()) {
                columns.add(info.getString("name"));
                types.add(typeOf(info.getString("type")));
            }
        }
        if (columns.isEmpty()) {
            throw new BadInputException("no table " + table + " in the SQLite database");
        }
        return new TableHeader(columns, types);
    }

    /** The declared type of each of {@code table}'s columns, by name ({@link SqlType#ANY} where none). */
    static Map<String, SqlType> declared(Connection connection, String table) throws SQLException {
        TableHeader header = header(connection, null, table);
        Map<String, SqlType> types = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            types.put(header.columns().get(i), header.types().get(i));
        }
        return types;
    }

    /** The JDBC code that SQLite's type affinity rules give a declared type. */
    private static SqlType typeOf(String declared) {
        if (declared == null || declared.isBlank()) {
            return SqlType.ANY;
        }
        String upper = declared.toUpperCase(Locale.ROOT);
        int code;
        if (upper.contains("INT")) {
            code = Types.BIGINT;
        } else if (upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT")) {
            code = Types.VARCHAR;
        } else if (upper.contains("BLOB")) {
            code = Types.BLOB;
        } else if (upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB")) {
            code = Types.DOUBLE;
        } else {
            code = Types.NUMERIC;
        }
        return new SqlType(declared, code);
    }
}
