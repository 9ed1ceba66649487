package org.cyberhealth.tabular.lossless;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Reads a cell as a number in units of the column's last declared digit, and writes it back moved by a
 * whole number of units. Only cells that the move can undo to the same text take part: plain decimals
 * written the way {@link BigDecimal#toPlainString()} writes them (no sign '+', no leading zeros, no
 * exponent, no blanks) with at least the declared number of digits after the point. A moved cell keeps
 * its number of digits, and digits finer than the declared scale ride along untouched, so restoring
 * gives back every cell character for character; every other cell (empty, NULL, text, "007", "4.") is
 * neither counted nor changed, in the original and in the marked table alike.
 */
final class CellValues {

    private final int scale;

    CellValues(int scale) {
        this.scale = scale;
    }

    /** The cell's value, or null when the cell does not take part. */
    BigDecimal parse(String cell) {
        if (cell == null || cell.isEmpty() || !startsLikeANumber(cell.charAt(0))) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(cell);
        } catch (NumberFormatException e) {
            return null;
        }
        if (value.scale() < scale || !value.toPlainString().equals(cell)) {
            return null;
        }
        return value;
    }

    /** The value in whole units of the last declared digit, rounded down (finer digits do not count). */
    BigDecimal units(BigDecimal value) {
        return value.movePointRight(scale).setScale(0, RoundingMode.FLOOR);
    }

    /** The cell's text with its value moved by {@code delta} units of the last declared digit. */
    String moved(BigDecimal value, long delta) {
        return value.add(BigDecimal.valueOf(delta, scale)).toPlainString();
    }

    private static boolean startsLikeANumber(char first) {
        return first == '-' || first == '.' || (first >= '0' && first <= '9');
    }
}
