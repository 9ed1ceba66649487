package org.cyberhealth.tabular.attack;

import java.util.SplittableRandom;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableReader;

/** Puts the columns in a random order (the same for every row), drawn from {@code seed}. */
public record ColumnReordering(long seed) implements TableAttack {

    @Override
    public String describe() {
        return "reorder columns";
    }

    @Override
    public TableHeader header(TableHeader input) {
        return ColumnMapping.select(input, order(input.size()));
    }

    @Override
    public void apply(TableReader input, RowSink output, SplittableRandom random) {
        ColumnMapping.copy(input, output, order(input.header().size()));
    }

    private int[] order(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
