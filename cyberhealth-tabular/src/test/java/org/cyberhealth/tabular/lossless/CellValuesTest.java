package org.cyberhealth.tabular.lossless;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CellValuesTest {

    final CellValues scaleOne = new CellValues(1);

    @ParameterizedTest
    @ValueSource(strings = {"", " 4.5", "4.5 ", "+4.5", "04.5", "4.", ".5", "4", "-0.0", "4.5e1", "1E+3", "NaN", "four", "4,5", "--4.5"})
    void cellsThatWouldNotComeBackAsTheyWereTakeNoPart(String cell) {
        assertThat(scaleOne.parse(cell)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"4.5, 45", "-4.5, -45", "0.0, 0", "-0.05, -1", "48.13, 481", "1964.7, 19647", "12345678901234567.8, 123456789012345678"})
    void plainNumbersCountInUnitsOfTheLastDeclaredDigitRoundedDown(String cell, String units) {
        BigDecimal value = scaleOne.parse(cell);
        assertThat(value).isNotNull();
        assertThat(scaleOne.units(value)).isEqualByComparingTo(units);
    }

    @ParameterizedTest
    @CsvSource({"4.5, 3, 4.8", "4.5, -50, -0.5", "-0.1, 1, 0.0", "48.13, -2, 47.93", "-0.05, 1, 0.05", "9.99, 1, 10.09", "0.0, -1, -0.1"})
    void aMoveKeepsTheDigitsFinerThanTheScaleAndWritesPlainText(String cell, long delta, String moved) {
        String text = scaleOne.moved(scaleOne.parse(cell), delta);
        assertThat(text).isEqualTo(moved);
        assertThat(scaleOne.parse(text)).as("a moved cell still takes part").isNotNull();
        assertThat(scaleOne.moved(scaleOne.parse(text), -delta)).as("and moves back to the same text").isEqualTo(cell);
    }

    @ParameterizedTest
    @CsvSource({"7, 7", "-3, -3", "0, 0", "7.25, 7"})
    void integerColumnsCountWholeUnits(String cell, long units) {
        CellValues integers = new CellValues(0);
        assertThat(integers.units(integers.parse(cell)).longValueExact()).isEqualTo(units);
    }
}
