package org.cyberhealth.tabular.watermark;

import java.util.List;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.TableSchema;

/** The schema's marked columns, found in a table's header, each with its carrier. */
final class MarkedColumns {

    private final List<ColumnSpec> specs;
    private final int[] indexes;
    private final Carrier[] carriers;
    private final int[][] followers;

    MarkedColumns(TableSchema schema, TableHeader header) {
        specs = schema.markedColumns();
        indexes = new int[specs.size()];
        carriers = new Carrier[specs.size()];
        followers = new int[specs.size()][];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = header.indexOf(specs.get(i).name());
            carriers[i] = Carrier.of(specs.get(i));
            followers[i] = schema.followersOf(specs.get(i).name()).stream().mapToInt(header::indexOf).filter(f -> f >= 0).toArray();
        }
    }

    /** The header positions of the columns that repeat marked column {@code i}. */
    int[] followers(int i) {
        return followers[i];
    }

    /** How many columns the schema marks (the keyed choice picks among all of them, present or not). */
    int count() {
        return indexes.length;
    }

    /** The header position of marked column {@code i}, or -1 when this table lacks it. */
    int index(int i) {
        return indexes[i];
    }

    Carrier carrier(int i) {
        return carriers[i];
    }

    ColumnSpec spec(int i) {
        return specs.get(i);
    }

    /** The first marked column missing from the table, or null when all are there. */
    String firstMissing() {
        for (int i = 0; i < indexes.length; i++) {
            if (indexes[i] < 0) {
                return specs.get(i).name();
            }
        }
        return null;
    }
}
