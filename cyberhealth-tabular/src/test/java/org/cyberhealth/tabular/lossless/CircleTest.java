package org.cyberhealth.tabular.lossless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CircleTest {

    static Circle circle(RangeEnds ends) {
        return new Circle(new LosslessParameters(10, 3, new ValueRange(-50, 49), ends, 1));
    }

    static long position(Circle circle, long units) {
        return circle.position(BigDecimal.valueOf(units));
    }

    @Test
    void wrappingLaysTheRangeOnTheCircleAndLeavesOtherValuesAlone() {
        Circle circle = circle(RangeEnds.WRAP);
        assertThat(position(circle, -50)).isZero();
        assertThat(position(circle, 49)).isEqualTo(99);
        assertThat(position(circle, 50)).isEqualTo(-1);
        assertThat(position(circle, -51)).isEqualTo(-1);
        assertThat(circle.move(98, 1)).as("49 + 3 wraps to -48").isEqualTo(-97);
        assertThat(circle.move(1, -1)).as("-49 - 3 wraps to 48").isEqualTo(97);
        assertThat(circle.move(50, 1)).isEqualTo(3);
    }

    @Test
    void extendingMovesEveryValueByTheShiftAroundALargerCircle() {
        Circle circle = circle(RangeEnds.EXTEND);
        assertThat(position(circle, 49)).isEqualTo(99);
        assertThat(position(circle, 50)).as("in the empty arc").isEqualTo(100);
        assertThat(position(circle, -51)).as("below the range: the arc's far end").isEqualTo(102);
        assertThat(position(circle, 1_000_000)).isEqualTo(Math.floorMod(1_000_050, 103));
        assertThat(circle.position(new BigDecimal("123456789012345678901234567890")))
                .isEqualTo(new java.math.BigInteger("123456789012345678901234567940").mod(java.math.BigInteger.valueOf(103)).longValue());
        assertThat(circle.move(99, 1)).isEqualTo(3);
        assertThat(circle.move(0, -1)).isEqualTo(-3);
        assertThat(circle.turned(0, -1)).isEqualTo(100);
    }

    @Test
    void turningAHistogramTurnsItsCentreOfMassByExactlyTheShiftsAngle() {
        Circle circle = circle(RangeEnds.WRAP);
        CentreSums sums = new CentreSums(1, true);
        for (long position : new long[] {3, 5, 5, 8, 13, 21, 34, 55}) {
            sums.add(circle, 0, 0, position);
            sums.add(circle, 0, 1, position);
        }
        assertThat(sums.relativeAngle(0, 0)).isZero();
        assertThat(sums.relativeAngle(0, 1)).isCloseTo(2 * 2 * Math.PI * 3 / 100, within(1e-8));
        assertThat(sums.relativeAngle(0, -1)).isCloseTo(-2 * 2 * Math.PI * 3 / 100, within(1e-8));
    }

    @Test
    void aSubGroupSpreadEvenlyAroundTheCircleHasNoDirection() {
        Circle circle = circle(RangeEnds.WRAP);
        CentreSums sums = new CentreSums(2, false);
        for (long position = 0; position < 100; position += 25) {
            sums.add(circle, 0, 0, position);
        }
        sums.add(circle, 0, 1, 7);
        sums.add(circle, 1, 0, 7);
        assertThat(sums.relativeAngle(0, 0)).isNaN();
        assertThat(sums.relativeAngle(1, 0)).as("an empty sub-group").isNaN();
    }
}
