package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The white-box interface on a tiny network: probabilities, and input gradients against finite differences. */
class DjlClassifierTest {

    private static final InputSpec INPUT = new InputSpec(1, 4, 4, 0f, 1f, new float[] {0.4f}, new float[] {0.3f});

    private DjlClassifier tiny;

    @BeforeEach
    void buildTinyNetwork() {
        Engine.getInstance().setRandomSeed(11);
        NDManager manager = DjlClassifier.newManager();
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setFilters(3).setKernelShape(new Shape(2, 2)).build())
                .add(Activation.tanhBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 4, 4));
        tiny = DjlClassifier.of(manager, block, INPUT, List.of("a", "b", "c"));
    }

    @AfterEach
    void close() {
        tiny.close();
    }

    @Test
    void probabilitiesArePositiveAndSumToOne() {
        for (float[] p : tiny.predict(images(6, 1))) {
            float sum = 0;
            for (float v : p) {
                assertThat(v).isPositive();
                sum += v;
            }
            assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void theInputGradientMatchesCentralFiniteDifferencesThroughTheNormalisation() {
        float[][] x = images(3, 2);
        int[] labels = {0, 2, 1};
        WhiteBoxClassifier.LossGradient analytic = tiny.lossGradient(x, labels);
        // The loss is smooth here (tanh), so central differences are accurate to h^2; float32 rounding of a
        // loss near 1 limits them to about 1e-7 / h.
        float h = 1e-2f;
        for (int i = 0; i < x.length; i++) {
            for (int p = 0; p < INPUT.size(); p++) {
                float[][] up = copy(x);
                float[][] down = copy(x);
                up[i][p] += h;
                down[i][p] -= h;
                double numeric = (tiny.lossGradient(up, labels).loss()[i] - tiny.lossGradient(down, labels).loss()[i]) / (2.0 * h);
                assertThat((double) analytic.gradient()[i][p]).as("image %d pixel %d", i, p)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-3 + 1e-2 * Math.abs(numeric)));
            }
        }
        // The loss is the cross-entropy of the predicted probabilities.
        float[][] p = tiny.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertThat((double) analytic.loss()[i]).isCloseTo(-Math.log(p[i][labels[i]]), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void theMarginGradientMatchesCentralFiniteDifferencesAndTheMarginIsTheLogitGap() {
        float[][] x = images(4, 5);
        int[] labels = {0, 1, 2, 1};
        WhiteBoxClassifier.MarginGradient analytic = tiny.marginGradient(x, labels);
        float[][] p = tiny.predict(x);
        for (int i = 0; i < x.length; i++) {
            // Softmax keeps logit differences: log p_y - log p_c = z_y - z_c.
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                best = c == labels[i] ? best : Math.max(best, Math.log(p[i][c]));
            }
            assertThat((double) analytic.margin()[i]).isCloseTo(Math.log(p[i][labels[i]]) - best, org.assertj.core.data.Offset.offset(1e-4));
        }
        // The margin is smooth wherever the best other class does not change; h is small against the gaps
        // between the other logits of these images, so the differences stay on one side.
        float h = 1e-2f;
        for (int i = 0; i < x.length; i++) {
            for (int q = 0; q < INPUT.size(); q++) {
                float[][] up = copy(x);
                float[][] down = copy(x);
                up[i][q] += h;
                down[i][q] -= h;
                double numeric = (tiny.marginGradient(up, labels).margin()[i] - tiny.marginGradient(down, labels).margin()[i]) / (2.0 * h);
                assertThat((double) analytic.gradient()[i][q]).as("image %d pixel %d", i, q)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-3 + 1e-2 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void inputsOutsideTheDeclaredRangeOrShapeAreRefused() {
        float[][] x = images(1, 3);
        x[0][5] = 1.5f;
        assertThatThrownBy(() -> tiny.predict(x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside [0.0, 1.0]");
        assertThatThrownBy(() -> tiny.predict(new float[][] {new float[3]})).hasMessageContaining("needs 16 values");
        assertThatThrownBy(() -> tiny.lossGradient(images(1, 4), new int[] {3})).hasMessageContaining("label 3");
        assertThatThrownBy(() -> tiny.marginGradient(images(1, 4), new int[] {3})).hasMessageContaining("label 3");
    }

    /** Values kept away from the range's ends, so finite differences stay inside it. */
    private static float[][] images(int count, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[count][INPUT.size()];
        for (float[] image : x) {
            for (int p = 0; p < image.length; p++) {
                image[p] = 0.1f + 0.8f * random.nextFloat();
            }
        }
        return x;
    }

    private static float[][] copy(float[][] x) {
        float[][] c = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}
