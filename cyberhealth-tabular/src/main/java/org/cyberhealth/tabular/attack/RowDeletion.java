package org.cyberhealth.tabular.attack;

import java.util.SplittableRandom;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;

/** Deletes each row with the given probability (a random subset of the rows survives). */
public record RowDeletion(double fraction) implements TableAttack {

    public RowDeletion {
        Fractions.check(fraction, "the fraction of rows to delete");
    }

    @Override
    public String describe() {
        return "delete " + Fractions.percent(fraction) + " of rows";
    }

    @Override
    public void apply(TableReader input, RowSink output, SplittableRandom random) {
        String[] row;
        while ((row = input.next()) != null) {
            if (random.nextDouble() >= fraction) {
                output.write(row);
            }
        }
    }
}
