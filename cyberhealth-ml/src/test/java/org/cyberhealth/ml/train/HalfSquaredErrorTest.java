package org.cyberhealth.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

class HalfSquaredErrorTest {

    @Test
    void itIsDjlsL2LossInValue() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList labels = new NDList(manager.create(new float[] {1, 2, 3, 4}));
            NDList predictions = new NDList(manager.create(new float[][] {{1.5f}, {1f}, {3f}, {7f}}));
            float ours = new HalfSquaredError().evaluate(labels, predictions).getFloat();
            assertThat(ours).isEqualTo(Loss.l2Loss().evaluate(labels, predictions).getFloat());
            assertThat(ours).isEqualTo((0.25f + 1f + 0f + 9f) / 2 / 4);
        }
    }

    /** The gradient of the loss, (prediction - label) / n, even when the garbage collector runs between the passes. */
    @Test
    void itsGradientSurvivesAGarbageCollectionBetweenTheForwardAndTheBackwardPass() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray prediction = manager.create(new float[][] {{1.5f}, {1f}, {3f}, {7f}});
            prediction.setRequiresGradient(true);
            NDArray loss = new HalfSquaredError().evaluate(new NDList(manager.create(new float[] {1, 2, 3, 4})), new NDList(prediction));
            for (int k = 0; k < 5; k++) {
                System.gc();
                Thread.sleep(20);
            }
            collector.backward(loss);
            assertThat(prediction.getGradient().toFloatArray()).containsExactly(new float[] {0.125f, -0.25f, 0f, 0.75f}, within(1e-7f));
        }
    }
}
