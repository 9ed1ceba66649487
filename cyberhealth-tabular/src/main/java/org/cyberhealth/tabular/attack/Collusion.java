package org.cyberhealth.tabular.attack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;

/**
 * Several recipients merge their copies of one export into one table, hoping to blur their marks. The
 * copies hold the same rows in the same order (they come from one extract); where they agree the
 * colluders cannot tell a mark is there, where they differ they choose by the strategy.
 */
public final class Collusion {

    /** How the colluders choose a cell where their copies differ. */
    public enum Strategy {
        /** Numbers: the mean of the copies, rounded (ties at random) to the copies' digits; other cells by majority. */
        AVERAGE,
        /** The value most copies hold, ties broken at random. */
        MAJORITY,
        /** Each row comes whole from a randomly chosen copy. */
        INTERLEAVE;

        public static Strategy parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("unknown collusion strategy '" + name + "' (expected average, majority or interleave)");
            }
        }
    }

    private final Strategy strategy;

    public Collusion(Strategy strategy) {
        this.strategy = strategy;
    }

    public String describe(int copies) {
        return "collusion of " + copies + " copies (" + strategy.name().toLowerCase(Locale.ROOT) + ")";
    }

    public void apply(List<? extends TableReader> copies, RowSink output, SplittableRandom random) {
        if (copies.size() < 2) {
            throw new BadInputException("a collusion needs at least two copies, got " + copies.size());
        }
        for (TableReader copy : copies) {
            if (!copy.header().columns().equals(copies.get(0).header().columns())) {
                throw new BadInputException("the copies to merge do not have the same columns");
            }
        }
        String[][] rows = new String[copies.size()][];
        while (read(copies, rows)) {
            output.write(merge(rows, random));
        }
    }

    private static boolean read(List<? extends TableReader> copies, String[][] rows) {
        int ended = 0;
        for (int i = 0; i < rows.length; i++) {
            rows[i] = copies.get(i).next();
            if (rows[i] == null) {
                ended++;
            }
        }
        if (ended != 0 && ended != rows.length) {
            throw new BadInputException("the copies to merge do not have the same number of rows");
        }
        return ended == 0;
    }

    private String[] merge(String[][] rows, SplittableRandom random) {
        if (strategy == Strategy.INTERLEAVE) {
            return rows[random.nextInt(rows.length)];
        }
        String[] merged = rows[0].clone();
        for (int c = 0; c < merged.length; c++) {
            if (!allEqual(rows, c)) {
                merged[c] = strategy == Strategy.AVERAGE ? average(rows, c, random) : majority(rows, c, random);
            }
        }
        return merged;
    }

    private static boolean allEqual(String[][] rows, int column) {
        String first = rows[0][column];
        for (String[] row : rows) {
            if (first == null ? row[column] != null : !first.equals(row[column])) {
                return false;
            }
        }
        return true;
    }

    private static String majority(String[][] rows, int column, SplittableRandom random) {
        Map<String, Integer> counts = new HashMap<>();
        int best = 0;
        for (String[] row : rows) {
            best = Math.max(best, counts.merge(String.valueOf(row[column]), 1, Integer::sum));
        }
        int finalBest = best;
        List<String> leaders = counts.entrySet().stream().filter(e -> e.getValue() == finalBest).map(Map.Entry::getKey).sorted().toList();
        String chosen = leaders.get(random.nextInt(leaders.size()));
        for (String[] row : rows) {
            if (String.valueOf(row[column]).equals(chosen)) {
                return row[column];
            }
        }
        return chosen;
    }

    private static String average(String[][] rows, int column, SplittableRandom random) {
        BigDecimal sum = BigDecimal.ZERO;
        int scale = 0;
        try {
            for (String[] row : rows) {
                BigDecimal value = new BigDecimal(row[column]);
                sum = sum.add(value);
                scale = Math.max(scale, value.scale());
            }
        } catch (NumberFormatException | NullPointerException e) {
            return majority(rows, column, random);
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(rows.length), scale + 4, RoundingMode.HALF_EVEN);
        BigDecimal down = mean.setScale(scale, RoundingMode.FLOOR);
        BigDecimal up = mean.setScale(scale, RoundingMode.CEILING);
        int side = mean.subtract(down).compareTo(up.subtract(mean));
        boolean roundUp = side > 0 || (side == 0 && random.nextBoolean());
        return (roundUp ? up : down).toPlainString();
    }
}
