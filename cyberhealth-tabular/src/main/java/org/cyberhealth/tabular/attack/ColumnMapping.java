package org.cyberhealth.tabular.attack;

import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableHeader.SqlType;
import org.cyberhealth.tabular.io.TableReader;

/** Copies rows keeping the columns at the given positions, in that order. */
final class ColumnMapping {

    private ColumnMapping() {}

    static TableHeader select(TableHeader header, int[] positions) {
        List<String> columns = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (int position : positions) {
            columns.add(header.columns().get(position));
            types.add(header.types().get(position));
        }
        return new TableHeader(columns, types);
    }

    static void copy(TableReader input, RowSink output, int[] positions) {
        String[] row;
        while ((row = input.next()) != null) {
            String[] mapped = new String[positions.length];
            for (int i = 0; i < positions.length; i++) {
                mapped[i] = row[positions[i]];
            }
            output.write(mapped);
        }
    }
}
