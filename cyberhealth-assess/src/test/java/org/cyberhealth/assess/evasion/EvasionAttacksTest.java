package org.cyberhealth.assess.evasion;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.InputSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The geometric promises of every attack, on a small random ReLU network (fast, no training needed). */
class EvasionAttacksTest {

    private static final InputSpec INPUT = new InputSpec(1, 8, 8, 0f, 1f, new float[] {0.5f}, new float[] {0.25f});
    /** Float rounding of x + delta: one ulp of values up to 1 is 1.2e-7. */
    private static final double ROUNDING = 1e-6;

    private static DjlClassifier model;

    @BeforeAll
    static void randomNetwork() {
        Engine.getInstance().setRandomSeed(3);
        NDManager manager = DjlClassifier.newManager();
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).build()).add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(16).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(3).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        model = DjlClassifier.of(manager, block, INPUT, List.of("a", "b", "c"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static List<EvasionAttack> attacks(double linfEps, double l2Eps) {
        return List.of(new Fgsm(Norm.LINF, linfEps), new Fgsm(Norm.L2, l2Eps), Pgd.of(Norm.LINF, linfEps, 10, 2, 1),
                Pgd.of(Norm.L2, l2Eps, 10, 2, 1));
    }

    @Test
    void everyAdversarialImageStaysWithinEpsAndInsideTheValueRangeAndInputsAreUntouched() {
        // Images with many pixels at 0 and 1, so that the clip to [0, 1] really bites.
        float[][] x = images(12, 5);
        float[][] copy = copy(x);
        int[] y = labels(12, 6);
        for (EvasionAttack attack : attacks(8 / 255.0, 0.5)) {
            float[][] adversarial = attack.generate(model, x, y);
            assertThat(x).as("inputs unchanged").isDeepEqualTo(copy);
            boolean moved = false;
            for (int i = 0; i < x.length; i++) {
                assertThat(attack.norm().distance(x[i], adversarial[i])).as(attack.describe()).isLessThanOrEqualTo(attack.eps() + ROUNDING);
                for (float v : adversarial[i]) {
                    assertThat(v).isBetween(0f, 1f);
                }
                moved |= attack.norm().distance(x[i], adversarial[i]) > attack.eps() / 2;
            }
            assertThat(moved).as(attack.describe() + " uses its budget").isTrue();
        }
    }

    @Test
    void epsZeroChangesNothing() {
        float[][] x = images(6, 7);
        int[] y = labels(6, 8);
        for (EvasionAttack attack : attacks(0, 0)) {
            assertThat(attack.generate(model, x, y)).as(attack.describe()).isDeepEqualTo(x);
        }
    }

    @Test
    void moreRestartsNeverFoolFewerImages() {
        float[][] x = images(40, 9);
        int[] y = model.predictLabels(x);
        int previous = -1;
        for (int restarts : new int[] {1, 2, 4}) {
            // A small budget and few steps, so that restarts have something left to find.
            EvasionResult r = EvasionEvaluation.run(model, Pgd.of(Norm.LINF, 2 / 255.0, 3, restarts, 4), x, y, 16, n -> {});
            int fooled = (int) Math.round((1 - r.robustAccuracy()) * x.length);
            assertThat(fooled).isGreaterThanOrEqualTo(previous);
            previous = fooled;
        }
    }

    /** Pixels uniform in [-0.2, 1.2], clamped: about one in seven sits at each end of the range. */
    private static float[][] images(int count, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[count][INPUT.size()];
        for (float[] image : x) {
            for (int p = 0; p < image.length; p++) {
                image[p] = Math.min(1f, Math.max(0f, -0.2f + 1.4f * random.nextFloat()));
            }
        }
        return x;
    }

    private static int[] labels(int count, long seed) {
        Random random = new Random(seed);
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = random.nextInt(3);
        }
        return y;
    }

    private static float[][] copy(float[][] x) {
        float[][] c = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}
