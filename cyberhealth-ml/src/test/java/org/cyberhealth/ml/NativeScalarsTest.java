package org.cyberhealth.ml;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class NativeScalarsTest {

    /**
     * The gradient of sum(op(x, c)) when the garbage collector runs between the forward and the backward pass: with
     * DJL's own x.mul(c) the constant's freed buffer held allocator bookkeeping by then, and the gradient was wrong.
     */
    private static float[] gradientAfterCollection(BiFunction<NDArray, Float, NDArray> op, float c) throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = manager.create(new float[] {-2, 0.5f, 3});
            x.setRequiresGradient(true);
            NDArray y = op.apply(x, c).sum();
            for (int k = 0; k < 5; k++) {
                System.gc();
                Thread.sleep(20);
            }
            collector.backward(y);
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void theBackwardPassSeesTheConstantsAfterAGarbageCollection() throws InterruptedException {
        assertThat(gradientAfterCollection(NativeScalars::times, 10f)).containsExactly(10f, 10f, 10f);
        assertThat(gradientAfterCollection(NativeScalars::over, 4f)).containsExactly(0.25f, 0.25f, 0.25f);
        assertThat(gradientAfterCollection(NativeScalars::atLeast, 0f)).containsExactly(0f, 1f, 1f);
    }

    @Test
    void theResultsAreThoseOfTheJavaNumberOperations() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-2, 0.5f, 3, 1e-12f});
            assertThat(NativeScalars.times(x, 0.01f).toFloatArray()).containsExactly(x.mul(0.01f).toFloatArray());
            assertThat(NativeScalars.over(x, 16384).toFloatArray()).containsExactly(x.div(16384L).toFloatArray());
            assertThat(NativeScalars.atLeast(x, 1e-9f).toFloatArray()).containsExactly(x.maximum(1e-9f).toFloatArray());
        }
    }
}
