package org.cyberhealth.tabular.watermark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.cyberhealth.tabular.io.SqliteCopyPlan;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.TableSchema;
import org.sqlite.Function;

/**
 * Marking inside SQLite: the copy is one {@code INSERT ... SELECT} in which every marked (or following)
 * column becomes a call to a Java function that receives the row's key, marked and following cells and
 * returns the column's marked value. The function marks each row exactly as the streaming marker does
 * (the same {@link TableMarker.RowMarking}), once per row: SQLite evaluates a row's columns in order,
 * so the first marked column's call marks the row and the later ones take their cells from it.
 */
final class SqliteMarkingPlan implements SqliteCopyPlan {

    static final String FUNCTION = "cyberhealth_mark";

    private final TableMarker marker;
    private final TableSchema schema;
    private TableMarker.RowMarking marking;
    private String[] row;
    private int first;
    private int arguments;

    SqliteMarkingPlan(TableMarker marker, TableSchema schema) {
        this.marker = marker;
        this.schema = schema;
    }

    @Override
    public Map<String, String> expressions(TableHeader source) {
        Set<String> involved = new LinkedHashSet<>(schema.key());
        List<String> outputs = new ArrayList<>();
        for (ColumnSpec marked : schema.markedColumns()) {
            involved.add(marked.name());
            outputs.add(marked.name());
            for (String follower : schema.followersOf(marked.name())) {
                involved.add(follower);
                outputs.add(follower);
            }
        }
        List<String> present = involved.stream().filter(c -> source.indexOf(c) >= 0).toList();
        TableHeader header = TableHeader.untyped(present);
        marking = marker.rowMarking(header);
        row = new String[present.size()];
        arguments = present.size();
        StringJoiner cells = new StringJoiner(", ");
        present.forEach(c -> cells.add('"' + c.replace("\"", "\"\"") + '"'));
        Map<String, String> expressions = new HashMap<>();
        String leftmost = null;
        for (String column : outputs) {
            if (source.indexOf(column) >= 0) {
                expressions.put(column, FUNCTION + "(" + header.indexOf(column) + ", " + cells + ")");
                if (leftmost == null || source.indexOf(column) < source.indexOf(leftmost)) {
                    leftmost = column;
                }
            }
        }
        first = header.indexOf(leftmost);
        return expressions;
    }

    @Override
    public void register(Connection connection) throws SQLException {
        Function.create(connection, FUNCTION, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                int column = value_int(0);
                if (column == first) {
                    for (int i = 0; i < arguments; i++) {
                        row[i] = value_text(i + 1);
                    }
                    marking.mark(row);
                }
                String cell = row[column];
                if (cell == null) {
                    result();
                } else {
                    result(cell);
                }
            }
        }, arguments + 1, 0);
    }

    MarkReport report() {
        return marking.report();
    }
}
