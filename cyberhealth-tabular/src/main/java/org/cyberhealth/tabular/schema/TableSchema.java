package org.cyberhealth.tabular.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cyberhealth.core.BadInputException;

/**
 * What the marking needs to know about a table: which columns identify a row, which columns may carry
 * marks and how far their values may move. Columns the schema does not list pass through untouched.
 *
 * @param table a name for the table (it also separates the marks of different tables of one issuer)
 * @param key the columns whose values identify a row; their values seed the keyed choice of which cell
 *     carries which bit, so they are never marked
 * @param virtualKey true when {@code key} is not a declared primary key but attributes that a leaker is
 *     unlikely to change (rows that share them carry the same bits)
 */
public record TableSchema(String table, List<String> key, boolean virtualKey, List<ColumnSpec> columns) {

    public TableSchema {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        if (table == null || table.isBlank()) {
            throw new BadInputException("the schema needs a table name");
        }
        if (key.isEmpty()) {
            throw new BadInputException("the schema needs at least one key column (a primary key, or a virtual key of attributes a leaker is unlikely to change)");
        }
        Set<String> names = new HashSet<>();
        for (ColumnSpec column : columns) {
            if (!names.add(column.name())) {
                throw new BadInputException("column " + column.name() + " appears twice in the schema");
            }
        }
        for (ColumnSpec column : columns) {
            // Following an unmarked column is allowed and inert: the profiler proposes a datetime as following
            // its date, and the datetime moves with it only once a person marks the date.
            if (column.follows() != null && columns.stream().noneMatch(c -> c.name().equals(column.follows()))) {
                throw new BadInputException("column " + column.name() + " follows " + column.follows() + ", which is not a column of the schema");
            }
            if (column.follows() != null && column.mark()) {
                throw new BadInputException("column " + column.name() + " follows " + column.follows() + " and cannot carry marks of its own");
            }
            if (column.follows() != null && key.contains(column.name())
                    && columns.stream().anyMatch(c -> c.name().equals(column.follows()) && c.mark())) {
                throw new BadInputException("key column " + column.name() + " cannot follow a marked column");
            }
        }
        for (String keyColumn : key) {
            if (columns.stream().anyMatch(c -> c.name().equals(keyColumn) && c.mark())) {
                throw new BadInputException("key column " + keyColumn + " cannot carry marks: the key chooses where the marks go");
            }
        }
    }

    /** Refuses a schema that marks nothing (marking needs at least one carrier column). */
    public TableSchema requireMarkedColumns() {
        if (columns.stream().noneMatch(ColumnSpec::mark)) {
            throw new BadInputException("the schema of " + table + " marks no column: set \"mark\": true on at least one numeric, date or categorical column");
        }
        return this;
    }

    /** The columns that may carry marks, in schema order (the order is part of the keyed choice). */
    public List<ColumnSpec> markedColumns() {
        return columns.stream().filter(ColumnSpec::mark).toList();
    }

    /** The columns that repeat marked column {@code marked}. */
    public List<String> followersOf(String marked) {
        return columns.stream().filter(c -> marked.equals(c.follows())).map(ColumnSpec::name).toList();
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
