package org.cyberhealth.ml.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.cyberhealth.ml.EngineThreads;

/**
 * A trained DJL block (PyTorch engine) behind the {@link WhiteBoxClassifier} interface. The block maps
 * normalised images to class scores (logits); this wrapper takes images in the natural range, applies
 * the declared normalisation as tensor operations, so that autograd carries input gradients back through
 * it, and turns logits into probabilities (softmax) or a cross-entropy loss (log-softmax).
 *
 * <p>The block runs in inference mode (training = false) and its parameters are frozen: only the input
 * asks for a gradient, which also spares the backward pass the weight gradients. Owns the manager that
 * holds the parameters: close it when done.
 */
public final class DjlClassifier implements WhiteBoxClassifier, AutoCloseable {

    static {
        EngineThreads.useOneUnlessSet();
    }

    private final NDManager manager;
    private final Block block;
    private final InputSpec input;
    private final List<String> classes;

    private DjlClassifier(NDManager manager, Block block, InputSpec input, List<String> classes) {
        this.manager = manager;
        this.block = block;
        this.input = input;
        this.classes = List.copyOf(classes);
    }

    /**
     * Wraps an initialised {@code block} whose parameters live in {@code manager}; the classifier takes
     * over the manager (closing the classifier closes it).
     */
    public static DjlClassifier of(NDManager manager, Block block, InputSpec input, List<String> classes) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the block must be initialised (trained or loaded)");
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes");
        }
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            parameter.getValue().getArray().setRequiresGradient(false);
        }
        return new DjlClassifier(manager, block, input, classes);
    }

    /**
     * A view of a block that is being trained: its parameters keep asking for gradients (the optimiser needs them), so
     * {@link #lossGradient} also accumulates weight gradients, which the caller must clear before its own step.
     * Does not own {@code manager}: never close the view.
     */
    static DjlClassifier duringTraining(NDManager manager, Block block, InputSpec input, List<String> classes) {
        return new DjlClassifier(manager, block, input, classes);
    }

    /** A fresh manager on the engine's default device, for callers that build or load a block. */
    public static NDManager newManager() {
        return Engine.getInstance().newBaseManager();
    }

    @Override
    public InputSpec input() {
        return input;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public float[][] predict(float[][] batch) {
        input.check(batch);
        try (NDManager scope = manager.newSubManager()) {
            return rows(logits(scope, tensor(scope, batch)).softmax(1), batch.length, classes.size());
        }
    }

    @Override
    public LossGradient lossGradient(float[][] batch, int[] labels) {
        input.check(batch);
        if (labels.length != batch.length) {
            throw new IllegalArgumentException(batch.length + " images but " + labels.length + " labels");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classes.size() - 1));
            }
        }
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = tensor(scope, batch);
            x.setRequiresGradient(true);
            NDArray oneHot = scope.create(labels).oneHot(classes.size());
            NDArray loss = logits(scope, x).logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
            // Images do not interact (no batch statistics in inference mode), so the gradient of the sum
            // holds, image by image, the gradient of that image's own loss.
            collector.backward(loss.sum());
            return new LossGradient(loss.toFloatArray(), rows(x.getGradient(), batch.length, input.size()));
        }
    }

    private NDArray logits(NDManager scope, NDArray x) {
        Shape perChannel = new Shape(1, input.channels(), 1, 1);
        NDArray normalised = x.sub(scope.create(input.mean(), perChannel)).div(scope.create(input.std(), perChannel));
        return block.forward(new ParameterStore(scope, false), new NDList(normalised), false).singletonOrThrow();
    }

    private NDArray tensor(NDManager scope, float[][] batch) {
        float[] flat = new float[batch.length * input.size()];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(batch[i], 0, flat, i * input.size(), input.size());
        }
        return scope.create(flat, new Shape(batch.length, input.channels(), input.height(), input.width()));
    }

    private static float[][] rows(NDArray array, int count, int width) {
        float[] flat = array.toFloatArray();
        float[][] rows = new float[count][width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(flat, i * width, rows[i], 0, width);
        }
        return rows;
    }

    @Override
    public void close() {
        manager.close();
    }
}
