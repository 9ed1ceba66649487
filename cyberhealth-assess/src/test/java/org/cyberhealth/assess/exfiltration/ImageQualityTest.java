package org.cyberhealth.assess.exfiltration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageQualityTest {

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void psnrOfAUniformErrorOfOneTenthIsTwentyDecibels() {
        assertThat(ImageQuality.psnr(filled(64, 0.5f), filled(64, 0.6f))).isCloseTo(20.0, within(1e-5));
        assertThat(ImageQuality.psnr(filled(64, 0.5f), filled(64, 0.5f))).isInfinite();
    }

    @Test
    void ssimIsOneForACopyAndTheLuminanceTermForConstantImages() {
        float[] ramp = new float[16 * 16];
        for (int q = 0; q < ramp.length; q++) {
            ramp[q] = (q % 16) / 15f;
        }
        assertThat(ImageQuality.ssim(ramp, ramp, 16)).isCloseTo(1.0, within(1e-12));
        // Constant images: no contrast or structure, SSIM = (2 a b + C1) / (a^2 + b^2 + C1).
        double c1 = 1e-4;
        double expected = (2 * 0.2 * 0.4 + c1) / (0.04 + 0.16 + c1);
        assertThat(ImageQuality.ssim(filled(256, 0.2f), filled(256, 0.4f), 16)).isCloseTo(expected, within(1e-6));
        // The negated ramp keeps the mean but reverses the structure: SSIM below zero.
        float[] reversed = new float[ramp.length];
        for (int q = 0; q < ramp.length; q++) {
            reversed[q] = 1 - ramp[q];
        }
        assertThat(ImageQuality.ssim(ramp, reversed, 16)).isNegative();
    }

    @Test
    void msSsimUsesTheScalesThatFitAndReducesToKnownValues() {
        assertThat(ImageQuality.scales(64)).isEqualTo(3);
        assertThat(ImageQuality.scales(175)).isEqualTo(4);
        assertThat(ImageQuality.scales(176)).isEqualTo(5);
        float[] texture = new float[64 * 64];
        float[] blurred = new float[texture.length];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int q = 0; q < texture.length; q++) {
            texture[q] = (float) random.nextDouble();
        }
        for (int q = 0; q < texture.length; q++) {
            blurred[q] = (texture[q] + texture[(q + 1) % texture.length]) / 2;
        }
        assertThat(ImageQuality.msSsim(texture, texture, 64)).isCloseTo(1.0, within(1e-12));
        // One scale is SSIM itself.
        assertThat(ImageQuality.msSsim(texture, blurred, 64, 1)).isCloseTo(ImageQuality.ssim(texture, blurred, 64), within(1e-12));
        // Constant images: every cs term is exactly 1, the coarsest luminance term l stays (2ab + C1) / (a^2 + b^2 + C1)
        // after averaging, so MS-SSIM = l ^ (beta_M / sum of the betas used): with the five scales, l ^ 0.1333.
        double c1 = 1e-4;
        double a = 0.2f;
        double b = 0.4f;
        double l = (2 * a * b + c1) / (a * a + b * b + c1);
        assertThat(ImageQuality.msSsim(filled(176 * 176, 0.2f), filled(176 * 176, 0.4f), 176)).isCloseTo(Math.pow(l, 0.1333), within(1e-9));
        assertThat(ImageQuality.msSsim(filled(64 * 64, 0.2f), filled(64 * 64, 0.4f), 64))
                .isCloseTo(Math.pow(l, 0.3001 / (0.0448 + 0.2856 + 0.3001)), within(1e-9));
        // Blurring pixel noise destroys its fine structure, which the coarser scales (where the noise is averaged away) forgive.
        assertThat(ImageQuality.msSsim(texture, blurred, 64)).isGreaterThan(ImageQuality.ssim(texture, blurred, 64));
    }

    @Test
    void payloadCarriesDecoderTablesAndCodesBitExactly() {
        Codes geometry = new Codes(2, 2, 2, 8);
        int[][] codes = {{0, 1, 2, 3, 4, 5, 6, 7}, {7, 7, 0, 0, 3, 3, 1, 6}};
        float[] decoder = {1.5f, -0.25f, Float.MIN_VALUE};
        double[] uniform = new double[8];
        Arrays.fill(uniform, 1 / 8.0);
        FrequencyTables tables = FrequencyTables.of(new double[][] {uniform, uniform});
        byte[] bytes = new Payload(List.of(decoder), tables, codes).toBytes(geometry);
        // 12 bytes of floats, 2 x 8 x 2 bytes of tables, then 16 symbols at 3 bits (6 bytes) and the coder's closing bits.
        assertThat(bytes.length).isBetween(12 + 32 + 6, 12 + 32 + 7);
        Payload back = Payload.fromBytes(bytes, geometry, new int[] {3}, 2);
        assertThat(back.codes()).isDeepEqualTo(codes);
        assertThat(back.tables().frequencies()).isDeepEqualTo(tables.frequencies());
        assertThat(back.decoder().get(0)).containsExactly(decoder);
    }
}
