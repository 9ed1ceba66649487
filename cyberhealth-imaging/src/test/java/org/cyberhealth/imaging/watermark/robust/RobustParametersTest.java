package org.cyberhealth.imaging.watermark.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RobustParametersTest {

    @ParameterizedTest(name = "{0} levels used of {1}..{2}: marked as {3} bits")
    @CsvSource({
            "200, 0, 255, 8",
            "200, -32768, 32767, 8",
            "700, 0, 4095, 10",
            "1700, 0, 4095, 12",
            "1700, -32768, 32767, 12",
            "3000, 0, 4095, 12",
            "6000, 0, 65535, 13"})
    void aPictureSpanningElevenBitsIsMarkedAsATwelveBitOne(int spread, int min, int max, int expectedBits) {
        Raster picture = Raster.blank(200, 200, min, max);
        Random random = new Random(spread);
        int low = Math.max(min, 0);
        for (int i = 0; i < picture.size(); i++) {
            picture.samples()[i] = low + random.nextInt(spread);
        }

        assertThat(RobustParameters.markedRangeBits(picture)).isEqualTo(expectedBits);
    }

    @Test
    void onlyRangesOfTwelveBitsOrMoreArePlannedForACopyThatLostPartOfTheMark() {
        assertThat(RobustParameters.forRangeBits(8).survival()).isEqualTo(1.0);
        assertThat(RobustParameters.forRangeBits(10).survival()).isEqualTo(1.0);
        assertThat(RobustParameters.forRangeBits(16).survival()).isEqualTo(0.4);
        assertThat(RobustParameters.forRangeBits(12).survival()).isEqualTo(0.4);
        assertThat(RobustParameters.forRangeBits(12).withUnit(4).survival()).isEqualTo(0.4);
    }

    @Test
    void aSurvivalOutsideZeroToOneIsRefused() {
        RobustParameters defaults = RobustParameters.forRangeBits(12);
        for (double survival : new double[] {0, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new RobustParameters(64, 2, 2, defaults.margin(), defaults.step(), defaults.minQuarterSteps(),
                    defaults.maxQuarterSteps(), survival)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("survival");
        }
    }
}
