package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DP-SGD's gradient on a tiny convolutional network (conv 2x2, ReLU, dense 3 classes on 4x4 images). */
class PerSampleGradientsTest {

    private static final int IMAGES = 6;

    @Test
    void clippingBoundsEveryImagesGradientAndLeavesSmallOnesAlone() {
        try (Model model = tinyModel(); Trainer trainer = trainer(model); NDManager data = NDManager.newBaseManager()) {
            PerSampleGradients gradients = new PerSampleGradients(trainer);
            NDArray x = images(data);
            NDArray y = labels(data);
            double[] norms = new double[IMAGES];
            gradients.clippedSum(x, y, Double.POSITIVE_INFINITY, norms);
            double[] sorted = norms.clone();
            java.util.Arrays.sort(sorted);
            double clip = sorted[IMAGES / 2];
            assertThat(sorted[0]).isLessThan(clip);
            for (int i = 0; i < IMAGES; i++) {
                try (NDArray xi = x.get(i + ":" + (i + 1)); NDArray yi = y.get(i + ":" + (i + 1))) {
                    float[] raw = gradients.clippedSum(xi, yi, Double.POSITIVE_INFINITY, null);
                    float[] clipped = gradients.clippedSum(xi, yi, clip, null);
                    assertThat(norm(raw)).isCloseTo(norms[i], within(1e-5 * norms[i]));
                    assertThat(norm(clipped)).isLessThanOrEqualTo(clip * (1 + 1e-6));
                    assertThat(norm(clipped)).isCloseTo(Math.min(clip, norms[i]), within(1e-5 * norms[i]));
                    if (norms[i] <= clip) {
                        assertThat(clipped).containsExactly(raw);
                    }
                }
            }
        }
    }

    /**
     * Without clipping and without noise, DP-SGD is SGD: the summed per-image gradients divided by the batch size equal
     * the gradient of the batch's mean loss, and five Adam steps on the same batches from the same initial weights reach
     * the same weights (float sums in another order: within 1e-5).
     */
    @Test
    void withoutNoiseAndClippingItTakesTheSameStepsAsSgdOnTheSameBatches() {
        try (Model privately = tinyModel(); Trainer dp = trainer(privately); Model plainly = tinyModel(); Trainer sgd = trainer(plainly);
             NDManager data = NDManager.newBaseManager()) {
            assertThat(weights(privately)).containsExactly(weights(plainly));
            PerSampleGradients gradients = new PerSampleGradients(dp);
            NDArray x = images(data);
            NDArray y = labels(data);
            for (int step = 0; step < 5; step++) {
                String rows = (step % 3) + ":" + (step % 3 + 4);
                try (NDArray xb = x.get(rows); NDArray yb = y.get(rows)) {
                    float[] sum = gradients.clippedSum(xb, yb, Double.POSITIVE_INFINITY, null);
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] /= 4;
                    }
                    try (GradientCollector collector = sgd.newGradientCollector()) {
                        collector.backward(sgd.getLoss().evaluate(new NDList(yb), sgd.forward(new NDList(xb))));
                    }
                    if (step == 0) {
                        assertThat(gradient(plainly)).containsExactly(sum, within(1e-6f));
                    }
                    gradients.write(sum);
                    dp.step();
                    sgd.step();
                }
            }
            assertThat(weights(privately)).containsExactly(weights(plainly), within(1e-5f));
            assertThat(weights(privately)).isNotEqualTo(initialWeights());
        }
    }

    private static float[] initialWeights() {
        try (Model model = tinyModel(); Trainer trainer = trainer(model)) {
            return weights(model);
        }
    }

    private static Model tinyModel() {
        Model model = Model.newInstance("tiny");
        model.setBlock(new SequentialBlock()
                .add(Conv2d.builder().setFilters(2).setKernelShape(new Shape(2, 2)).build()).add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build()));
        return model;
    }

    private static Trainer trainer(Model model) {
        Engine.getInstance().setRandomSeed(7);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build();
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam));
        trainer.initialize(new Shape(1, 1, 4, 4));
        return trainer;
    }

    private static NDArray images(NDManager manager) {
        Random random = new Random(3);
        float[] values = new float[IMAGES * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (2 * random.nextGaussian());
        }
        return manager.create(values, new Shape(IMAGES, 1, 4, 4));
    }

    private static NDArray labels(NDManager manager) {
        return manager.create(new float[] {0, 1, 2, 0, 1, 2}, new Shape(IMAGES));
    }

    private static float[] weights(Model model) {
        return flatten(model, false);
    }

    private static float[] gradient(Model model) {
        return flatten(model, true);
    }

    private static float[] flatten(Model model, boolean gradients) {
        java.util.List<Float> all = new java.util.ArrayList<>();
        for (var p : model.getBlock().getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] values = gradients ? a.getGradient().toFloatArray() : a.toFloatArray();
            for (float v : values) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        return Math.sqrt(s);
    }
}
