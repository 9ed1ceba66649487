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
import org.cyberhealth.ml.NativeScalars;

/**
 * A trained DJL block (PyTorch engine) that maps normalised images (N, channels, H, W) to per-pixel class
 * logits (N, classes, H, W), behind the {@link WhiteBoxSegmenter} interface. As {@link DjlClassifier}: it
 * takes images in the natural range and normalises them as tensor operations, so input gradients flow
 * through the normalisation; it runs in inference mode with frozen parameters, only the input asking for a
 * gradient. Owns the manager that holds the parameters: close it when done.
 */
public final class DjlSegmenter implements WhiteBoxSegmenter {

    static {
        EngineThreads.useOneUnlessSet();
    }

    private final NDManager manager;
    /** What closing the segmenter releases: the manager, or the loaded model that owns it. */
    private final AutoCloseable owner;
    private final Block block;
    private final InputSpec input;
    private final List<String> classes;

    private DjlSegmenter(NDManager manager, AutoCloseable owner, Block block, InputSpec input, List<String> classes) {
        this.manager = manager;
        this.owner = owner;
        this.block = block;
        this.input = input;
        this.classes = List.copyOf(classes);
    }

    /** Wraps an initialised {@code block} whose parameters live in {@code manager}; closing the segmenter closes the manager. */
    public static DjlSegmenter of(NDManager manager, Block block, InputSpec input, List<String> classes) {
        return checked(manager, manager, block, input, classes);
    }

    /** Wraps a loaded model (a user's TorchScript module); the segmenter holds and closes it. */
    public static DjlSegmenter of(Model model, InputSpec input, List<String> classes) {
        return checked(model.getNDManager(), model, model.getBlock(), input, classes);
    }

    private static DjlSegmenter checked(NDManager manager, AutoCloseable owner, Block block, InputSpec input, List<String> classes) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a segmenter needs the background and at least one class");
        }
        DjlSupport.freezeLoaded(block);
        return new DjlSegmenter(manager, owner, block, input, classes);
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
            return DjlSupport.rows(logits(scope, DjlSupport.tensor(scope, batch, input)).softmax(1), batch.length, classes.size() * pixels());
        }
    }

    @Override
    public LossGradient lossGradient(float[][] batch, int[][] targets, float[][] weights) {
        input.check(batch);
        int pixels = pixels();
        if (targets.length != batch.length || (weights != null && weights.length != batch.length)) {
            throw new IllegalArgumentException(batch.length + " images but " + targets.length + " target masks"
                    + (weights != null ? " and " + weights.length + " weight maps" : ""));
        }
        int[] flatTargets = new int[batch.length * pixels];
        float[] flatWeights = new float[batch.length * pixels];
        for (int i = 0; i < batch.length; i++) {
            if (targets[i].length != pixels || (weights != null && weights[i].length != pixels)) {
                throw new IllegalArgumentException("target masks and weight maps need " + pixels + " values per image");
            }
            for (int q = 0; q < pixels; q++) {
                int c = targets[i][q];
                if (c < 0 || c >= classes.size()) {
                    throw new IllegalArgumentException("target class " + c + " outside 0.." + (classes.size() - 1));
                }
                flatTargets[i * pixels + q] = c;
                flatWeights[i * pixels + q] = weights == null ? 1f : weights[i][q];
            }
        }
        Shape perPixel = new Shape(batch.length, input.height(), input.width());
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = DjlSupport.tensor(scope, batch, input);
            x.setRequiresGradient(true);
            NDArray logProbabilities = logits(scope, x).logSoftmax(1);
            // One-hot targets come out (N, H, W, classes); the network's classes are on axis 1.
            NDArray oneHot = scope.create(flatTargets, perPixel).oneHot(classes.size()).transpose(0, 3, 1, 2);
            NDArray crossEntropy = logProbabilities.mul(oneHot).sum(new int[] {1}).neg();
            NDArray loss = NativeScalars.over(crossEntropy.mul(scope.create(flatWeights, perPixel)).sum(new int[] {1, 2}), pixels);
            // No batch statistics in inference mode: the gradient of the sum is, image by image, that of its own loss.
            collector.backward(loss.sum());
            return new LossGradient(loss.toFloatArray(), DjlSupport.rows(x.getGradient(), batch.length, input.size()));
        }
    }

    private int pixels() {
        return input.height() * input.width();
    }

    private NDArray logits(NDManager scope, NDArray x) {
        NDArray normalised = DjlSupport.normalised(scope, x, input);
        NDArray logits = DjlSupport.forward(block, scope, normalised);
        Shape expected = new Shape(x.getShape().get(0), classes.size(), input.height(), input.width());
        if (!logits.getShape().equals(expected)) {
            throw new IllegalArgumentException("the network gives outputs of shape " + logits.getShape() + ", not " + expected
                    + " (one score per declared class and pixel)");
        }
        return logits;
    }

    @Override
    public void close() {
        DjlSupport.release(owner);
    }
}
