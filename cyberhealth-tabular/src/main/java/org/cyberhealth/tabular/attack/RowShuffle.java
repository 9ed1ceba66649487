package org.cyberhealth.tabular.attack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;

/**
 * Puts the rows in a random order. A full shuffle needs the whole table, so this attack holds it in
 * memory and refuses tables above {@code maxRows}.
 */
public record RowShuffle(int maxRows) implements TableAttack {

    public static final int DEFAULT_MAX_ROWS = 2_000_000;

    @Override
    public String describe() {
        return "shuffle rows";
    }

    @Override
    public void apply(TableReader input, RowSink output, SplittableRandom random) {
        List<String[]> rows = new ArrayList<>();
        String[] row;
        while ((row = input.next()) != null) {
            if (rows.size() == maxRows) {
                throw new BadInputException("shuffling holds the table in memory: more than " + maxRows + " rows");
            }
            rows.add(row);
        }
        Collections.shuffle(rows, new java.util.Random(random.nextLong()));
        rows.forEach(output::write);
    }
}
