package org.cyberhealth.tabular.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CarrierTest {

    @Test
    void numericBitsMoveAValueByAtMostTheDeclaredChangeAndReadBack() {
        SplittableRandom random = new SplittableRandom(1);
        NumericCarrier carrier = new NumericCarrier(1, 2);
        for (int i = 0; i < 10_000; i++) {
            String cell = BigDecimal.valueOf(random.nextLong(-100_000, 100_000), random.nextInt(0, 4)).toPlainString();
            int position = random.nextInt(2);
            int bit = random.nextInt(2);
            String marked = carrier.withBit(cell, position, bit);
            assertThat(carrier.bit(marked, position)).isEqualTo(bit);
            BigDecimal change = new BigDecimal(marked).subtract(new BigDecimal(cell)).abs();
            assertThat(change).isLessThanOrEqualTo(new BigDecimal("0.2"));
            if (carrier.bit(cell, position) == bit) {
                assertThat(marked).isSameAs(cell);
            }
        }
    }

    @Test
    void digitsFinerThanTheScaleAreKept() {
        NumericCarrier carrier = new NumericCarrier(1, 1);
        assertThat(carrier.withBit("48.17", 0, 0)).isEqualTo("48.07");
        assertThat(carrier.withBit("-0.15", 0, 0)).isEqualTo("-0.15");
        assertThat(carrier.withBit("-0.15", 0, 1)).isEqualTo("-0.05");
        assertThat(carrier.withBit("48", 0, 1)).isEqualTo("48.1");
    }

    @Test
    void notANumberCarriesNothing() {
        NumericCarrier carrier = new NumericCarrier(0, 1);
        assertThat(carrier.bit("", 0)).isEqualTo(-1);
        assertThat(carrier.bit(null, 0)).isEqualTo(-1);
        assertThat(carrier.withBit("n/a", 0, 1)).isEqualTo("n/a");
    }

    @Test
    void datesMoveByAtMostTheDeclaredDaysAndKeepTheirTime() {
        DateCarrier carrier = new DateCarrier(2);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 2_000; i++) {
            LocalDate date = LocalDate.ofEpochDay(random.nextLong(-20_000, 30_000));
            String cell = date + " 08:30:00";
            int position = random.nextInt(2);
            String marked = carrier.withBit(cell, position, 1);
            assertThat(carrier.bit(marked, position)).isEqualTo(1);
            assertThat(marked).endsWith(" 08:30:00");
            assertThat(Math.abs(ChronoUnit.DAYS.between(date, LocalDate.parse(marked.substring(0, 10))))).isLessThanOrEqualTo(2);
        }
        assertThat(carrier.bit("2023-02-30", 0)).isEqualTo(-1);
    }

    @Test
    void categoricalValuesSwapOnlyWithTheirPartner() {
        CategoricalCarrier carrier = new CategoricalCarrier(List.of("a", "b", "c", "d", "e"));
        assertThat(carrier.withBit("a", 0, 1)).isEqualTo("b");
        assertThat(carrier.withBit("d", 0, 0)).isEqualTo("c");
        assertThat(carrier.withBit("c", 0, 0)).isEqualTo("c");
        assertThat(carrier.bit("e", 0)).as("the last value of an odd list has no partner").isEqualTo(-1);
        assertThat(carrier.bit("z", 0)).isEqualTo(-1);
    }
}
