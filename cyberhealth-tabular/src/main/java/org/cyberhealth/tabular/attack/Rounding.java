package org.cyberhealth.tabular.attack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;

/** Rounds every value of the given numeric columns to {@code digits} digits after the point (half up). */
public record Rounding(int digits, List<String> columns) implements TableAttack {

    public Rounding {
        columns = List.copyOf(columns);
        if (digits < -6 || digits > 12) {
            throw new BadInputException("rounding digits must be between -6 and 12, got " + digits);
        }
    }

    @Override
    public String describe() {
        return "round " + (columns.size() == 1 ? columns.get(0) : columns.size() + " columns") + " to " + digits + " digits";
    }

    @Override
    public void apply(TableReader input, RowSink output, SplittableRandom random) {
        int[] indexes = columns.stream().mapToInt(c -> input.header().indexOf(c)).filter(i -> i >= 0).toArray();
        String[] row;
        while ((row = input.next()) != null) {
            for (int index : indexes) {
                row[index] = round(row[index]);
            }
            output.write(row);
        }
    }

    private String round(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        try {
            BigDecimal value = new BigDecimal(cell);
            return value.scale() <= digits ? cell : value.setScale(digits, RoundingMode.HALF_UP).toPlainString();
        } catch (NumberFormatException e) {
            return cell;
        }
    }
}
