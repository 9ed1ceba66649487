package org.cyberhealth.assess.exfiltration;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntropyBottleneckTest {

    /** The gradients of the rate of fixed latents, with or without garbage collections between the forward and the backward pass. */
    private static List<float[]> rateGradients(boolean collect) throws InterruptedException {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, 4, 4, 4);
            EntropyBottleneck model = new EntropyBottleneck(4, 16);
            model.initialize(manager, DataType.FLOAT32, shape);
            NDArray latents = manager.randomUniform(0, 15, shape);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray bits = model.forward(new ParameterStore(manager, false), new NDList(latents), true).singletonOrThrow().log2().sum().neg();
                for (int k = 0; collect && k < 5; k++) {
                    System.gc();
                    Thread.sleep(20);
                }
                collector.backward(bits);
            }
            return model.getParameters().values().stream().map(p -> p.getArray().getGradient().toFloatArray()).toList();
        }
    }

    /** The joint training's run-to-run drift came from collections that freed constants the backward pass still read. */
    @Test
    void garbageCollectionsBetweenForwardAndBackwardChangeNoGradient() throws InterruptedException {
        List<float[]> quiet = rateGradients(false);
        List<float[]> collected = rateGradients(true);
        assertThat(collected).hasSameSizeAs(quiet);
        for (int i = 0; i < quiet.size(); i++) {
            assertThat(collected.get(i)).containsExactly(quiet.get(i));
        }
    }
}
