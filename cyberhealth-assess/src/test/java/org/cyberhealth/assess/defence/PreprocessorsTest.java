package org.cyberhealth.assess.defence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.cyberhealth.ml.model.InputSpec;
import org.junit.jupiter.api.Test;

/** The input transformations on their own: range, determinism, inputs untouched, and what each one removes. */
class PreprocessorsTest {

    private static final InputSpec GREY = new InputSpec(1, 8, 8, 0f, 1f, new float[] {0.5f}, new float[] {0.2f});
    private static final InputSpec RGB = new InputSpec(3, 8, 8, 0f, 1f, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.2f, 0.2f, 0.2f});

    private static float[] random(int size, long seed) {
        Random random = new Random(seed);
        float[] image = new float[size];
        for (int i = 0; i < size; i++) {
            image[i] = random.nextFloat();
        }
        return image;
    }

    @Test
    void everyTransformStaysInRangeIsDeterministicAndLeavesItsInputAlone() {
        Preprocessor[] all = {new BitDepthReduction(3), new MedianSmoothing(2), new MedianSmoothing(3), new JpegCompression(75),
            new BitDepthReduction(4).then(new MedianSmoothing(2))};
        for (Preprocessor p : all) {
            for (InputSpec spec : new InputSpec[] {GREY, RGB}) {
                float[] image = random(spec.size(), 3);
                float[] copy = image.clone();
                float[] once = p.apply(image, spec);
                assertThat(image).as(p.describe()).containsExactly(copy);
                assertThat(p.apply(image, spec)).as(p.describe()).containsExactly(once);
                spec.check(new float[][] {once});
            }
        }
    }

    @Test
    void bitDepthRoundsToTheNearestLevelAndIsIdempotent() {
        float[] image = random(GREY.size(), 4);
        BitDepthReduction two = new BitDepthReduction(2);
        float[] out = two.apply(image, GREY);
        for (int i = 0; i < out.length; i++) {
            double level = out[i] * 3;
            assertThat(Math.abs(level - Math.rint(level))).isLessThan(1e-6);
            assertThat((double) Math.abs(out[i] - image[i])).isLessThanOrEqualTo(1 / 6.0 + 1e-6);
        }
        assertThat(two.apply(out, GREY)).containsExactly(out);
    }

    @Test
    void medianRemovesAnIsolatedSpikeAndKeepsFlatImages() {
        float[] flat = new float[GREY.size()];
        java.util.Arrays.fill(flat, 0.3f);
        assertThat(new MedianSmoothing(3).apply(flat, GREY)).containsExactly(flat);
        float[] spiked = flat.clone();
        spiked[3 * 8 + 4] = 1f;
        assertThat(new MedianSmoothing(3).apply(spiked, GREY)).containsExactly(flat);
        // The 2x2 window reaches up and left, and takes the upper middle of four values: the spike spreads to no neighbour.
        assertThat(new MedianSmoothing(2).apply(spiked, GREY)).containsExactly(flat);
    }

    @Test
    void jpegKeepsSmoothImagesAndDropsFineNoise() {
        float[] ramp = new float[GREY.size()];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                ramp[y * 8 + x] = (x + y) / 14f;
            }
        }
        float[] noisy = ramp.clone();
        Random random = new Random(5);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = Math.min(1, Math.max(0, noisy[i] + (random.nextBoolean() ? 4 : -4) / 255f));
        }
        JpegCompression jpeg = new JpegCompression(50);
        assertThat(distance(jpeg.apply(ramp, GREY), ramp)).isLessThan(2.5 / 255);
        // The +-4/255 checkerboard-like noise is mostly removed: the output is closer to the clean ramp than the input was.
        assertThat(distance(jpeg.apply(noisy, GREY), ramp)).isLessThan(distance(noisy, ramp));
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}
