package org.cyberhealth.tabular.attack;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;

/**
 * Randomises {@code fraction} of the values of the given columns: numbers and dates move by a uniform
 * random amount of up to {@code amplitude} units of their last declared digit (days for dates), never
 * zero; categorical values become a random allowed value. An amplitude at the column's allowed
 * distortion models a leaker who stays within what the data can bear; a larger one damages the data.
 */
public record ValuePerturbation(double fraction, long amplitude, List<ColumnSpec> columns) implements TableAttack {

    public ValuePerturbation {
        columns = List.copyOf(columns);
        Fractions.check(fraction, "the fraction of values to perturb");
        if (amplitude < 1) {
            throw new BadInputException("the perturbation amplitude must be at least 1 unit, got " + amplitude);
        }
    }

    @Override
    public String describe() {
        return "perturb " + Fractions.percent(fraction) + " of marked values by up to " + amplitude + " units";
    }

    @Override
    public void apply(TableReader input, RowSink output, SplittableRandom random) {
        int[] indexes = columns.stream().mapToInt(c -> input.header().indexOf(c.name())).toArray();
        String[] row;
        while ((row = input.next()) != null) {
            for (int i = 0; i < indexes.length; i++) {
                if (indexes[i] >= 0 && row[indexes[i]] != null && random.nextDouble() < fraction) {
                    row[indexes[i]] = perturb(row[indexes[i]], columns.get(i), random);
                }
            }
            output.write(row);
        }
    }

    private String perturb(String cell, ColumnSpec column, SplittableRandom random) {
        long step = random.nextLong(1, amplitude + 1) * (random.nextBoolean() ? 1 : -1);
        try {
            if (column.type() == ColumnType.DATE) {
                LocalDate date = LocalDate.parse(cell.substring(0, Math.min(10, cell.length())));
                return date.plusDays(step) + cell.substring(Math.min(10, cell.length()));
            }
            if (column.type() == ColumnType.CATEGORICAL) {
                return column.values().get(random.nextInt(column.values().size()));
            }
            BigDecimal value = new BigDecimal(cell);
            BigDecimal moved = value.add(BigDecimal.valueOf(step, column.scale()));
            return moved.setScale(Math.max(value.scale(), column.scale())).toPlainString();
        } catch (NumberFormatException | DateTimeException e) {
            return cell;
        }
    }
}
