package org.cyberhealth.tabular.attack;

import java.util.Set;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;

/** Keeps only the rows whose {@code column} holds one of {@code values} (e.g. one lab test, one site). */
public record SubsetSelection(String column, Set<String> values) implements TableAttack {

    public SubsetSelection {
        values = Set.copyOf(values);
    }

    @Override
    public String describe() {
        return "keep rows where " + column + " is in " + values;
    }

    @Override
    public void apply(TableReader input, RowSink output, SplittableRandom random) {
        int index = input.header().indexOf(column);
        if (index < 0) {
            throw new BadInputException("the table has no column " + column + " to select on");
        }
        String[] row;
        while ((row = input.next()) != null) {
            if (values.contains(row[index])) {
                output.write(row);
            }
        }
    }
}
