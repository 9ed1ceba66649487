package org.cyberhealth.tabular.lossless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cyberhealth.tabular.lossless.LosslessFixtures.OMOP;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.tabular.testing.Tables;
import org.junit.jupiter.api.Test;

/**
 * The distortion the modulation implies: every value of a turned group moves by the shift, up in one
 * sub-group and down in the other, so the mean stays put (its change is about shift / sqrt(N)) and the
 * variance grows by shift^2. At the ends of the range the two ways of closing the circle differ.
 */
class LosslessDistortionTest {

    @Test
    void onTheOmopValuesTheMeanStaysAndTheVarianceGrowsByTheShiftSquared() {
        LosslessWatermark mark = LosslessFixtures.omopMark(LosslessFixtures.key(1), RangeEnds.EXTEND, 16);
        List<String[]> marked = new ArrayList<>();
        Distortion distortion = mark.embed(() -> Tables.reader(OMOP.header(), OMOP.rows()), marked::add,
                LosslessFixtures.message(2, 16), p -> {}).distortion();
        double shift = LosslessFixtures.OMOP_SHIFT / 10.0;

        assertThat(Math.abs(distortion.meanChange())).isLessThan(4 * shift / Math.sqrt(distortion.values()));
        assertThat(Math.abs(distortion.meanChangeInSd())).isLessThan(0.01);
        assertThat(distortion.sdAfter()).isCloseTo(Math.hypot(distortion.sdBefore(), shift), within(0.2));
        assertThat(distortion.largestChange()).isEqualTo(shift);

        int value = OMOP.column("value_as_number");
        for (int r = 0; r < marked.size(); r++) {
            String before = OMOP.rows().get(r)[value];
            if (!before.isEmpty()) {
                assertThat(new BigDecimal(marked.get(r)[value]).subtract(new BigDecimal(before)).abs())
                        .isEqualByComparingTo(BigDecimal.valueOf(LosslessFixtures.OMOP_SHIFT, 1));
            }
        }
    }

    @Test
    void wrappingKeepsAgesInTheirRangeButNewbornsJumpAndTheMeanMoves() {
        Distortion distortion = agesMarked(RangeEnds.WRAP);
        // 8% of the stays are newborns (age 0): the half of them turned down reappear at 108 to 110.
        assertThat(distortion.wrapped()).isBetween(3_000L, 5_000L);
        assertThat(distortion.leftRange()).isZero();
        assertThat(distortion.largestChange()).isGreaterThan(100);
        assertThat(distortion.meanChangeInSd()).isGreaterThan(0.1);
    }

    @Test
    void extendingKeepsTheMeanButPushesNewbornsBelowZero() {
        Distortion distortion = agesMarked(RangeEnds.EXTEND);
        assertThat(distortion.wrapped()).isZero();
        assertThat(distortion.leftRange()).isBetween(3_000L, 5_000L);
        assertThat(distortion.largestChange()).isEqualTo(3);
        assertThat(Math.abs(distortion.meanChange())).isLessThan(4 * 3 / Math.sqrt(100_000));
        assertThat(distortion.sdAfter()).isCloseTo(Math.hypot(distortion.sdBefore(), 3), within(0.05));
    }

    private static Distortion agesMarked(RangeEnds ends) {
        LosslessWatermark mark = new LosslessWatermark(SyntheticStays.SCHEMA, "age", LosslessFixtures.key(3),
                new LosslessParameters(200, 3, SyntheticStays.AGES, ends, 20));
        return mark.embed(new SyntheticStays(100_000, 5), row -> {}, LosslessFixtures.message(4, 20), p -> {}).distortion();
    }
}
