package org.cyberhealth.tabular.attack;

import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;

/**
 * Adds fake rows, {@code fraction} of the table's size (1 = as many fake rows as real ones), spread
 * among the real ones. A fake row looks real: each cell is drawn from the same column of a random recent
 * row (a bounded reservoir), and the key columns get fresh values (numbers above any seen, or random
 * text), so fake rows have keys of their own.
 */
public record RowInsertion(double fraction, List<String> keyColumns) implements TableAttack {

    private static final int RESERVOIR = 1024;

    public RowInsertion {
        keyColumns = List.copyOf(keyColumns);
        if (!(fraction >= 0 && fraction <= 10)) {
            throw new BadInputException("the fraction of rows to insert must be between 0 and 10, got " + fraction);
        }
    }

    @Override
    public String describe() {
        return "insert " + Fractions.percent(fraction) + " fake rows";
    }

    @Override
    public void apply(TableReader input, RowSink output, SplittableRandom random) {
        int[] keys = keyColumns.stream().mapToInt(c -> input.header().indexOf(c)).filter(i -> i >= 0).toArray();
        String[][] reservoir = new String[RESERVOIR][];
        long seen = 0;
        long largestKey = 0;
        String[] row;
        while ((row = input.next()) != null) {
            output.write(row);
            for (int key : keys) {
                largestKey = Math.max(largestKey, wholeNumber(row[key]));
            }
            seen++;
            if (seen <= RESERVOIR) {
                reservoir[(int) seen - 1] = row;
            } else {
                long slot = random.nextLong(seen);
                if (slot < RESERVOIR) {
                    reservoir[(int) slot] = row;
                }
            }
            int fakes = (int) fraction + (random.nextDouble() < fraction - (int) fraction ? 1 : 0);
            for (int f = 0; f < fakes; f++) {
                int filled = (int) Math.min(seen, RESERVOIR);
                String[] fake = new String[row.length];
                for (int c = 0; c < fake.length; c++) {
                    fake[c] = reservoir[random.nextInt(filled)][c];
                }
                for (int key : keys) {
                    fake[key] = Long.toString(largestKey + 1 + random.nextLong(1_000_000_000L));
                }
                output.write(fake);
            }
        }
    }

    private static long wholeNumber(String cell) {
        try {
            return cell == null ? 0 : Long.parseLong(cell.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
