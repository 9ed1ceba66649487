package org.cyberhealth.imaging.watermark.robust;

import static org.assertj.core.api.Assertions.assertThat;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Fidelity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircularHistogramMarkTest {

    private static final byte[] KEY = TestPictures.key(4);
    private static final Bits MESSAGE = new Bits().append(0xC3A5F00F12345678L, 64);

    @ParameterizedTest(name = "{0}..{1}")
    @CsvSource({"0, 255", "0, 4095", "-32768, 32767"})
    void rotatingBackRestoresEvenTheWrappedSamplesWithoutSideInformation(int min, int max) {
        Raster original = TestPictures.withSaturatedAreas(256, min, max, 3);
        Raster marked = original.copy();
        CircularHistogramMark mark = CircularHistogramMark.forRaster(KEY, marked);

        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);

        assertThat(side.length()).isZero();
        assertThat(marked.inRange()).isTrue();
        long wrapped = 0;
        for (int i = 0; i < original.size(); i++) {
            wrapped += Math.abs((long) marked.samples()[i] - original.samples()[i]) > original.peak() / 2 ? 1 : 0;
        }
        assertThat(wrapped).as("samples rotated past an end of the range").isPositive();
        assertThat(mark.read(marked).errorsAgainst(MESSAGE)).isZero();
        mark.remove(marked, Region.whole(marked), MESSAGE, side);
        assertThat(marked.sameAs(original)).isTrue();
    }

    @Test
    void wrapAroundCostsPsnrWhereTheInformedMarkDoesNot() {
        Raster original = TestPictures.withSaturatedAreas(256, 0, 255, 5);
        Raster circular = original.copy();
        CircularHistogramMark.forRaster(KEY, circular).embed(circular, Region.whole(circular), MESSAGE);
        Raster informed = original.copy();
        RobustMark.forRaster(KEY, informed).embed(informed, Region.whole(informed), MESSAGE);

        assertThat(Fidelity.psnr(original, circular)).isLessThan(30.0);
        assertThat(Fidelity.psnr(original, informed)).isGreaterThan(40.0);
    }
}
