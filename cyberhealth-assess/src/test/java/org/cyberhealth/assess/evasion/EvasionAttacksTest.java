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
                Pgd.of(Norm.L2, l2Eps, 10, 2, 1), new Apgd(Norm.LINF, linfEps, 10, 2, 1), new Apgd(Norm.L2, l2Eps, 10, 2, 1),
                new SquareAttack(linfEps, 50, 0.3, 1));
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
    void minimumNormAttacksStayInsideTheValueRangeLeaveInputsAloneAndReturnFailuresUnchanged() {
        float[][] x = images(10, 11);
        float[][] copy = copy(x);
        int[] y = model.predictLabels(x);
        for (EvasionAttack attack : List.<EvasionAttack>of(new CarliniWagnerL2(0.5, 0, 30, 3, 1, 0.01), new HopSkipJump(0.5, 300, 1))) {
            assertThat(attack.budgeted()).isFalse();
            float[][] adversarial = attack.generate(model, x, y);
            assertThat(x).as("inputs unchanged").isDeepEqualTo(copy);
            int[] after = model.predictLabels(adversarial);
            int fooled = 0;
            for (int i = 0; i < x.length; i++) {
                for (float v : adversarial[i]) {
                    assertThat(v).isBetween(0f, 1f);
                }
                if (after[i] != y[i]) {
                    fooled++;
                } else {
                    assertThat(adversarial[i]).as(attack.describe() + ": a failure comes back unchanged").isEqualTo(x[i]);
                }
            }
            // Measured: C&W 7 of 10 with this short run, HopSkipJump 10.
            assertThat(fooled).as(attack.describe()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void apgdCheckpointsFollowThePaper() {
        // p_0 = 0, p_1 = 0.22, p_{j+1} = p_j + max(p_j - p_{j-1} - 0.03, 0.06): 0.22, 0.41, 0.57, 0.70, 0.80, 0.87, 0.93, 0.99.
        assertThat(Apgd.checkpoints(100)).containsExactly(22, 41, 57, 70, 80, 87, 93, 99);
        assertThat(Apgd.checkpoints(10)).containsExactly(3, 5, 6, 7, 8, 9);
    }

    @Test
    void squareHalvesItsWindowOnThePapersScheduleRescaledToTheBudget() {
        SquareAttack full = new SquareAttack(0.1, 10_000, 0.4, 1);
        assertThat(full.p(1)).isEqualTo(0.4);
        assertThat(full.p(10)).isEqualTo(0.4);
        assertThat(full.p(11)).isEqualTo(0.2);
        assertThat(full.p(51)).isEqualTo(0.1);
        assertThat(full.p(9999)).isEqualTo(0.4 / 512);
        SquareAttack tenth = new SquareAttack(0.1, 1000, 0.4, 1);
        assertThat(tenth.p(2)).isEqualTo(0.2);
        assertThat(tenth.p(6)).isEqualTo(0.1);
    }

    @Test
    void blackBoxAttacksNeverAskForAGradientAndSpendExactlyTheirBudget() {
        float[][] x = images(12, 13);
        int[] y = labels(12, 14);
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            right += model.predictLabels(new float[][] {x[i]})[0] == y[i] ? 1 : 0;
        }
        assertThat(right).as("some right, some wrong").isBetween(1, 11);
        // Too small an eps to fool anything: every image right at the start spends all 40 queries, one wrong at
        // the start spends the one query that finds it wrong.
        BlackBox scores = new BlackBox(model, false);
        float[][] square = new SquareAttack(1e-4, 40, 0.3, 1).attack(scores, x, y);
        assertThat(scores.queries).isEqualTo(40L * right + (x.length - right));
        for (int i = 0; i < x.length; i++) {
            assertThat(Norm.LINF.distance(x[i], square[i])).isLessThanOrEqualTo(1e-4 + ROUNDING);
        }
        // HopSkipJump sees labels only (one-hot answers) and always runs to its budget once it has a start.
        BlackBox labelsOnly = new BlackBox(model, true);
        new HopSkipJump(0.5, 150, 1).attack(labelsOnly, x, y);
        assertThat(labelsOnly.queries).isEqualTo(150L * right + (x.length - right));
        // Through the evaluation the count is made at the model too.
        EvasionResult r = EvasionEvaluation.run(new BlackBox(model, true), new HopSkipJump(0.5, 150, 1), x, y, 5, n -> {});
        assertThat(r.meanGradients()).isZero();
        assertThat(r.meanQueries() * x.length).isCloseTo(150.0 * right + (x.length - right), org.assertj.core.data.Offset.offset(1e-9));
    }

    /** A model that answers probabilities (or one-hot labels only) and refuses every gradient; counts images answered. */
    private static final class BlackBox implements org.cyberhealth.ml.model.WhiteBoxClassifier {
        private final DjlClassifier inner;
        private final boolean labelsOnly;
        long queries;

        BlackBox(DjlClassifier inner, boolean labelsOnly) {
            this.inner = inner;
            this.labelsOnly = labelsOnly;
        }

        @Override
        public InputSpec input() {
            return inner.input();
        }

        @Override
        public List<String> classes() {
            return inner.classes();
        }

        @Override
        public float[][] predict(float[][] batch) {
            queries += batch.length;
            float[][] p = inner.predict(batch);
            if (labelsOnly) {
                int[] labels = inner.predictLabels(batch);
                for (int i = 0; i < p.length; i++) {
                    p[i] = new float[p[i].length];
                    p[i][labels[i]] = 1;
                }
            }
            return p;
        }

        @Override
        public LossGradient lossGradient(float[][] batch, int[] labels) {
            throw new AssertionError("a black-box attack asked for a gradient");
        }

        @Override
        public MarginGradient marginGradient(float[][] batch, int[] labels) {
            throw new AssertionError("a black-box attack asked for a gradient");
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
