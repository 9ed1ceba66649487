package org.cyberhealth.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FidelityTest {

    @Test
    void aOneLevelChangeEverywhereGivesThePeakInDecibels() {
        Raster a = Raster.blank(4, 4, 0, 255);
        Raster b = a.copy();
        Arrays.fill(b.samples(), 1);
        assertThat(Fidelity.psnr(a, b)).isCloseTo(20 * Math.log10(255), within(1e-9));
        assertThat(Fidelity.psnr(a, a)).isInfinite();
    }

    @Test
    void thePeakIsTheLegalRangeNotTheDataRange() {
        Raster a = Raster.blank(2, 2, 0, 4095);
        Raster b = a.copy();
        b.samples()[0] = 2;
        // MSE = 4/4 = 1, so PSNR = 20 log10(4095).
        assertThat(Fidelity.psnr(a, b)).isCloseTo(20 * Math.log10(4095), within(1e-9));
    }
}
