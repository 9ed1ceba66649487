package org.cyberhealth.imaging.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;

class AttacksTest {

    @Test
    void windowingMapsTheWindowLinearlyOnto8BitsAndClampsOutside() {
        Raster ct = Raster.wrap(5, 1, new int[] {0, 864, 1064, 1264, 4095}, 0, 4095);
        Raster shown = new Windowing(1064, 400, "W400 L40 HU").apply(ct);
        assertThat(shown.samples()).containsExactly(0, 0, 128, 255, 255);
        assertThat(shown.maxValue()).isEqualTo(255);
        assertThat(ct.samples()).containsExactly(0, 864, 1064, 1264, 4095);
    }

    @Test
    void noiseIsRepeatableClampedAndOfTheRequestedStrength() {
        Raster flat = Raster.wrap(100, 100, filled(10_000, 128), 0, 255);
        Raster noisy = new GaussianNoise(4, 9).apply(flat);
        assertThat(noisy.sameAs(new GaussianNoise(4, 9).apply(flat))).isTrue();
        double squares = 0;
        for (int v : noisy.samples()) {
            squares += (v - 128.0) * (v - 128.0);
        }
        assertThat(Math.sqrt(squares / 10_000)).isBetween(3.8, 4.2);
        Raster black = Raster.wrap(100, 100, new int[10_000], 0, 255);
        assertThat(new GaussianNoise(8, 9).apply(black).inRange()).isTrue();
    }

    @Test
    void jpegLosesMoreAtLowerQualityAndRefusesWideRasters() {
        int[] samples = new int[64 * 64];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i % 64) * 3 + (i / 64) % 7 * 5;
        }
        Raster picture = Raster.wrap(64, 64, samples, 0, 255);
        double high = error(picture, new JpegRecompression(95).apply(picture));
        double low = error(picture, new JpegRecompression(50).apply(picture));
        assertThat(high).isGreaterThan(0).isLessThan(low);
        assertThatThrownBy(() -> new JpegRecompression(75).apply(Raster.blank(8, 8, 0, 4095)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8-bit");
    }

    @Test
    void chainedAttacksApplyInOrder() {
        Attack chain = new Windowing(2048, 4096, "full").then(new JpegRecompression(90));
        assertThat(chain.name()).isEqualTo("window full + jpeg q90");
        assertThat(chain.apply(Raster.blank(16, 16, 0, 4095)).maxValue()).isEqualTo(255);
    }

    private static int[] filled(int n, int value) {
        int[] samples = new int[n];
        java.util.Arrays.fill(samples, value);
        return samples;
    }

    private static double error(Raster a, Raster b) {
        double squares = 0;
        for (int i = 0; i < a.size(); i++) {
            squares += Math.pow(a.samples()[i] - b.samples()[i], 2);
        }
        return squares;
    }
}
