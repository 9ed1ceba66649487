package org.cyberhealth.tabular.lossless;

import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * The one numeric attribute the lossless mark modulates, and the key columns that place each tuple,
 * found in a table's header.
 */
record MarkedAttribute(String name, int column, int scale, int[] keyColumns) {

    /** The schema's column {@code name}, which must be an integer or decimal column that may carry marks. */
    static ColumnSpec spec(TableSchema schema, String name) {
        ColumnSpec spec = schema.column(name).orElseThrow(() -> new BadInputException(
                "the schema of " + schema.table() + " has no column " + name));
        if (spec.type() != ColumnType.INTEGER && spec.type() != ColumnType.DECIMAL) {
            throw new BadInputException("column " + name + " is " + spec.type().label()
                    + ": the lossless mark turns the histogram of an integer or decimal column");
        }
        if (!spec.mark()) {
            throw new BadInputException("column " + name + " is not marked in the schema of " + schema.table()
                    + ": set \"mark\": true and its maxChange to allow the lossless mark to move its values");
        }
        return spec;
    }

    static MarkedAttribute in(TableHeader header, TableSchema schema, String name) {
        ColumnSpec spec = spec(schema, name);
        int column = header.indexOf(name);
        if (column < 0) {
            throw new BadInputException("the table has no column " + name + ", which carries the lossless mark");
        }
        List<String> key = schema.key();
        int[] keyColumns = new int[key.size()];
        for (int i = 0; i < keyColumns.length; i++) {
            keyColumns[i] = header.indexOf(key.get(i));
            if (keyColumns[i] < 0) {
                throw new BadInputException("the table has no key column " + key.get(i) + " (the key places every tuple in its group)");
            }
        }
        return new MarkedAttribute(name, column, spec.scale(), keyColumns);
    }
}
