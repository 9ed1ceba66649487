package org.cyberhealth.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SymbolBlock;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * What the DJL model wrappers ({@link DjlClassifier}, {@link DjlSegmenter}) share: moving batches between Java
 * arrays and tensors, the declared normalisation, the forward pass with autograd, preparing and releasing a block.
 */
final class DjlSupport {

    private DjlSupport() {}

    /** The images as one (n, channels, height, width) tensor in {@code scope}. */
    static NDArray tensor(NDManager scope, float[][] batch, InputSpec input) {
        float[] flat = new float[batch.length * input.size()];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(batch[i], 0, flat, i * input.size(), input.size());
        }
        return scope.create(flat, new Shape(batch.length, input.channels(), input.height(), input.width()));
    }

    /** The declared normalisation, as tensor operations so that gradients flow through it. */
    static NDArray normalised(NDManager scope, NDArray x, InputSpec input) {
        Shape perChannel = new Shape(1, input.channels(), 1, 1);
        return x.sub(scope.create(input.mean(), perChannel)).div(scope.create(input.std(), perChannel));
    }

    /**
     * The block's output for {@code in}, with autograd able to reach the input. DJL runs a TorchScript module's
     * inference forward without autograd, so a module (put in eval mode when loaded) runs with it on.
     */
    static NDArray forward(Block block, NDManager scope, NDArray in) {
        NDList inputs = new NDList(in);
        return (block instanceof PtSymbolBlock module ? IValueUtils.forward(module, inputs, true)
                : block.forward(new ParameterStore(scope, false), inputs, false)).singletonOrThrow();
    }

    /**
     * Checks that {@code block} holds trained weights and freezes them, so that only an input asks for a gradient
     * (which also spares the backward pass the weight gradients). A loaded TorchScript module (a symbol block)
     * reports no initialisation: its weights came with it.
     */
    static void freezeLoaded(Block block) {
        if (!block.isInitialized() && !(block instanceof SymbolBlock)) {
            throw new IllegalArgumentException("the block must be initialised (trained or loaded)");
        }
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(false);
        }
    }

    /** Closes what a model wrapper owns (its manager, or the loaded model holding it). */
    static void release(AutoCloseable owner) {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the model: " + e.getMessage(), e);
        }
    }

    /** A tensor's values as {@code count} rows of {@code width}. */
    static float[][] rows(NDArray array, int count, int width) {
        float[] flat = array.toFloatArray();
        float[][] rows = new float[count][width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(flat, i * width, rows[i], 0, width);
        }
        return rows;
    }
}
