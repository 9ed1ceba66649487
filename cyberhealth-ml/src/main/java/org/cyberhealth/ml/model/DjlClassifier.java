package org.cyberhealth.ml.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.cyberhealth.ml.EngineThreads;

/**
 * A trained DJL block (PyTorch engine) behind the {@link WhiteBoxClassifier} interface. The block maps
 * normalised images to class scores (logits); this wrapper takes images in the natural range, applies
 * the declared normalisation (and tensor layout) as tensor operations, so that autograd carries input
 * gradients back through it, and turns the network's outputs (logits, or probabilities for a network
 * that ends in a softmax) into probabilities or a cross-entropy loss.
 *
 * <p>The block runs in inference mode (training = false) and its parameters are frozen: only the input
 * asks for a gradient, which also spares the backward pass the weight gradients. Owns the manager that
 * holds the parameters: close it when done.
 */
public final class DjlClassifier implements WhiteBoxClassifier {

    static {
        EngineThreads.useOneUnlessSet();
    }

    private final NDManager manager;
    /** What closing the classifier releases: the manager, or the loaded model that owns it. */
    private final AutoCloseable owner;
    private final Block block;
    private final InputSpec input;
    private final List<String> classes;
    private final TensorLayout layout;
    private final NetworkOutput output;

    private DjlClassifier(NDManager manager, AutoCloseable owner, Block block, InputSpec input, List<String> classes,
                          TensorLayout layout, NetworkOutput output) {
        this.manager = manager;
        this.owner = owner;
        this.block = block;
        this.input = input;
        this.classes = List.copyOf(classes);
        this.layout = layout;
        this.output = output;
    }

    /**
     * Wraps an initialised {@code block} whose parameters live in {@code manager}; the classifier takes
     * over the manager (closing the classifier closes it).
     */
    public static DjlClassifier of(NDManager manager, Block block, InputSpec input, List<String> classes) {
        return checked(manager, manager, block, input, classes, TensorLayout.NCHW, NetworkOutput.LOGITS);
    }

    /**
     * Wraps a loaded model (a TorchScript module exported from elsewhere, say) whose network wants its
     * input in {@code layout} and gives {@code output}. The classifier takes over the model: DJL closes an
     * unreferenced model when the garbage collector finds it, so the classifier must hold it.
     */
    public static DjlClassifier of(Model model, InputSpec input, List<String> classes, TensorLayout layout, NetworkOutput output) {
        return checked(model.getNDManager(), model, model.getBlock(), input, classes, layout, output);
    }

    private static DjlClassifier checked(NDManager manager, AutoCloseable owner, Block block, InputSpec input, List<String> classes,
                                         TensorLayout layout, NetworkOutput output) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least two classes");
        }
        DjlSupport.freezeLoaded(block);
        return new DjlClassifier(manager, owner, block, input, classes, layout, output);
    }

    /**
     * A view of a block that is being trained: its parameters keep asking for gradients (the optimiser needs them), so
     * {@link #lossGradient} also accumulates weight gradients, which the caller must clear before its own step.
     * Does not own {@code manager}: closing the view releases nothing.
     */
    static DjlClassifier duringTraining(NDManager manager, Block block, InputSpec input, List<String> classes) {
        return new DjlClassifier(manager, () -> { }, block, input, classes, TensorLayout.NCHW, NetworkOutput.LOGITS);
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
            return DjlSupport.rows(output.probabilities(outputs(scope, DjlSupport.tensor(scope, batch, input))), batch.length, classes.size());
        }
    }

    @Override
    public LossGradient lossGradient(float[][] batch, int[] labels) {
        checkLabelled(batch, labels);
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = DjlSupport.tensor(scope, batch, input);
            x.setRequiresGradient(true);
            NDArray oneHot = scope.create(labels).oneHot(classes.size());
            NDArray loss = output.logProbabilities(outputs(scope, x)).mul(oneHot).sum(new int[] {1}).neg();
            // Images do not interact (no batch statistics in inference mode), so the gradient of the sum
            // holds, image by image, the gradient of that image's own loss.
            collector.backward(loss.sum());
            return new LossGradient(loss.toFloatArray(), DjlSupport.rows(x.getGradient(), batch.length, input.size()));
        }
    }

    @Override
    public MarginGradient marginGradient(float[][] batch, int[] labels) {
        checkLabelled(batch, labels);
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = DjlSupport.tensor(scope, batch, input);
            x.setRequiresGradient(true);
            NDArray oneHot = scope.create(labels).oneHot(classes.size());
            NDArray logits = output.logits(outputs(scope, x));
            // The label's own logit pushed far below every other, so the row maximum is the best other class;
            // max routes its gradient to the arg-max only, as the margin's derivative asks.
            NDArray others = logits.sub(oneHot.mul(1e30f)).max(new int[] {1});
            NDArray margin = logits.mul(oneHot).sum(new int[] {1}).sub(others);
            collector.backward(margin.sum());
            return new MarginGradient(margin.toFloatArray(), DjlSupport.rows(x.getGradient(), batch.length, input.size()));
        }
    }

    private void checkLabelled(float[][] batch, int[] labels) {
        input.check(batch);
        if (labels.length != batch.length) {
            throw new IllegalArgumentException(batch.length + " images but " + labels.length + " labels");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classes.size() - 1));
            }
        }
    }

    private NDArray outputs(NDManager scope, NDArray x) {
        NDArray normalised = DjlSupport.normalised(scope, x, input);
        NDArray outputs = DjlSupport.forward(block, scope, layout.arrange(normalised));
        Shape expected = new Shape(x.getShape().get(0), classes.size());
        if (!outputs.getShape().equals(expected)) {
            throw new IllegalArgumentException("the network gives outputs of shape " + outputs.getShape() + ", not " + expected
                    + " (one score per declared class)");
        }
        return outputs;
    }

    @Override
    public void close() {
        DjlSupport.release(owner);
    }
}
