package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The white-box segmenter on tiny networks: probabilities per pixel, weighted pixel loss, input gradients. */
class DjlSegmenterTest {

    private static final InputSpec INPUT = new InputSpec(1, 4, 4, 0f, 1f, new float[] {0.4f}, new float[] {0.3f});
    private static final List<String> CLASSES = List.of("background", "a", "b");

    /** conv 3x3 (padded) to 4 channels, tanh, conv 1x1 to 3 classes: smooth, so finite differences hold. */
    private static DjlSegmenter smooth() {
        Engine.getInstance().setRandomSeed(11);
        NDManager manager = DjlClassifier.newManager();
        Block block = new SequentialBlock()
                .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                .add(Activation.tanhBlock())
                .add(Conv2d.builder().setFilters(3).setKernelShape(new Shape(1, 1)).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 4));
        return DjlSegmenter.of(manager, block, INPUT, CLASSES);
    }

    @Test
    void everyPixelGetsProbabilitiesThatSumToOneAndMasksTakeTheMostProbable() {
        try (DjlSegmenter s = smooth()) {
            float[][] x = images(3, 1);
            float[][] p = s.predict(x);
            int[][] masks = s.predictMasks(x);
            for (int i = 0; i < x.length; i++) {
                assertThat(p[i]).hasSize(3 * 16);
                for (int q = 0; q < 16; q++) {
                    float sum = p[i][q] + p[i][16 + q] + p[i][32 + q];
                    assertThat(sum).isCloseTo(1f, Offset.offset(1e-5f));
                    assertThat(p[i][masks[i][q] * 16 + q]).isGreaterThanOrEqualTo(Math.max(p[i][q], Math.max(p[i][16 + q], p[i][32 + q])));
                }
            }
        }
    }

    @Test
    void theWeightedPixelLossAndItsInputGradientMatchTheProbabilitiesAndFiniteDifferences() {
        try (DjlSegmenter s = smooth()) {
            float[][] x = images(2, 2);
            int[][] targets = new int[2][16];
            float[][] weights = new float[2][16];
            Random random = new Random(3);
            for (int i = 0; i < 2; i++) {
                for (int q = 0; q < 16; q++) {
                    targets[i][q] = random.nextInt(3);
                    weights[i][q] = random.nextInt(3) * 0.5f;
                }
            }
            WhiteBoxSegmenter.LossGradient analytic = s.lossGradient(x, targets, weights);
            float[][] p = s.predict(x);
            for (int i = 0; i < 2; i++) {
                double expected = 0;
                for (int q = 0; q < 16; q++) {
                    expected -= weights[i][q] * Math.log(p[i][targets[i][q] * 16 + q]);
                }
                assertThat((double) analytic.loss()[i]).isCloseTo(expected / 16, Offset.offset(1e-5));
            }
            float h = 1e-2f;
            for (int i = 0; i < 2; i++) {
                for (int q = 0; q < 16; q++) {
                    float[][] up = copy(x);
                    float[][] down = copy(x);
                    up[i][q] += h;
                    down[i][q] -= h;
                    double numeric = (s.lossGradient(up, targets, weights).loss()[i] - s.lossGradient(down, targets, weights).loss()[i]) / (2.0 * h);
                    assertThat((double) analytic.gradient()[i][q]).as("image %d pixel %d", i, q)
                            .isCloseTo(numeric, Offset.offset(1e-4 + 1e-2 * Math.abs(numeric)));
                }
            }
            // Without weights, every pixel counts once.
            WhiteBoxSegmenter.LossGradient plain = s.lossGradient(x, targets, null);
            double expected = 0;
            for (int q = 0; q < 16; q++) {
                expected -= Math.log(p[0][targets[0][q] * 16 + q]);
            }
            assertThat((double) plain.loss()[0]).isCloseTo(expected / 16, Offset.offset(1e-5));
        }
    }

    @Test
    void upSamplingRepeatsEachPixelIntoATwoByTwoBlock() {
        try (NDManager manager = DjlClassifier.newManager()) {
            float[] doubled = SmallUNet.doubled(manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2))).toFloatArray();
            assertThat(doubled).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
        }
    }

    @Test
    void theUNetKeepsTheImageSizeAndBadTargetsAreRefused() {
        Engine.getInstance().setRandomSeed(5);
        NDManager manager = DjlClassifier.newManager();
        Block unet = SmallUNet.build(3);
        unet.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        InputSpec input = new InputSpec(1, 8, 8, 0f, 1f, new float[] {0.5f}, new float[] {0.25f});
        try (DjlSegmenter s = DjlSegmenter.of(manager, unet, input, CLASSES)) {
            assertThat(s.predictMasks(new float[2][64])).hasDimensions(2, 64);
            assertThatThrownBy(() -> s.lossGradient(new float[1][64], new int[][] {new int[64]}, new float[][] {new float[3]}))
                    .hasMessageContaining("64 values per image");
            int[][] bad = {new int[64]};
            bad[0][7] = 3;
            assertThatThrownBy(() -> s.lossGradient(new float[1][64], bad, null)).hasMessageContaining("target class 3");
        }
    }

    @Test
    void diceAndIouArePooledOverSlicesAndAveragedOverTheForeground() {
        int[][] truth = {{0, 1, 1, 2}, {0, 0, 1, 2}};
        int[][] predicted = {{0, 1, 0, 2}, {1, 0, 1, 0}};
        SegmentationScores s = SegmentationScores.of(predicted, truth, 3);
        // Class 1: truth 3 pixels, predicted 3, both 2: Dice 4/6, IoU 2/4. Class 2: truth 2, predicted 1, both 1: 2/3, 1/2.
        assertThat(s.dice()[1]).isCloseTo(4 / 6.0, Offset.offset(1e-12));
        assertThat(s.iou()[1]).isCloseTo(0.5, Offset.offset(1e-12));
        assertThat(s.dice()[2]).isCloseTo(2 / 3.0, Offset.offset(1e-12));
        assertThat(s.meanDice()).isCloseTo(2 / 3.0, Offset.offset(1e-12));
        assertThat(s.meanIou()).isCloseTo(0.5, Offset.offset(1e-12));
        // A class absent from both scores 1.
        assertThat(SegmentationScores.of(new int[][] {{0, 0}}, new int[][] {{0, 0}}, 2).meanDice()).isEqualTo(1.0);
    }

    private static float[][] images(int count, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[count][16];
        for (float[] image : x) {
            for (int q = 0; q < 16; q++) {
                image[q] = 0.1f + 0.8f * random.nextFloat();
            }
        }
        return x;
    }

    private static float[][] copy(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }
}
