package org.cyberhealth.tabular.io;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * The columns of a table, with the SQL type of each where the source has one (a CSV file has none:
 * its columns are {@link SqlType#UNDECLARED}).
 */
public record TableHeader(List<String> columns, List<SqlType> types) {

    /** A column's SQL type: the database's own name for it and its {@link Types} code. */
    public record SqlType(String name, int jdbcType) {
        public static final SqlType UNDECLARED = new SqlType("", Types.VARCHAR);
        /** An SQLite column declared without a type: it keeps each value as given. */
        public static final SqlType ANY = new SqlType("", Types.OTHER);
        public static final SqlType TEXT = new SqlType("TEXT", Types.VARCHAR);
        public static final SqlType BIGINT = new SqlType("BIGINT", Types.BIGINT);
        public static final SqlType NUMERIC = new SqlType("NUMERIC", Types.NUMERIC);

        public boolean isText() {
            return switch (jdbcType) {
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB -> true;
                default -> false;
            };
        }
    }

    public TableHeader {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        if (columns.size() != types.size()) {
            throw new IllegalArgumentException("one type per column");
        }
        if (columns.isEmpty()) {
            throw new BadInputException("the table has no columns");
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.indexOf(columns.get(i)) != i) {
                throw new BadInputException("column " + columns.get(i) + " appears twice in the table");
            }
        }
    }

    /** A header whose columns have no declared SQL type. */
    public static TableHeader untyped(List<String> columns) {
        List<SqlType> types = new ArrayList<>();
        columns.forEach(c -> types.add(SqlType.UNDECLARED));
        return new TableHeader(columns, types);
    }

    public int size() {
        return columns.size();
    }

    /** The position of {@code column}, or -1 when the table does not have it. */
    public int indexOf(String column) {
        return columns.indexOf(column);
    }

    /** The same columns with {@code types}. */
    public TableHeader withTypes(List<SqlType> newTypes) {
        return new TableHeader(columns, newTypes);
    }
}
