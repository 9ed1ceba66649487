package org.cyberhealth.assess.provenance;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.NativeScalars;
import org.cyberhealth.ml.model.Architectures;
import org.cyberhealth.ml.model.InputSpec;

/**
 * A classifier of the project's (sequential) architectures cut before its last layer: the map phi from an image in the
 * natural range to the penultimate features, with its input gradient. Radioactive marking pushes phi of the marked
 * images along secret directions; detection reads another network's phi to align feature spaces. Owns native memory:
 * close it.
 */
public final class FeatureNetwork implements AutoCloseable {

    private final NDManager manager;
    private final List<Block> layers;
    private final InputSpec input;
    private final int dimension;
    private final float[][] classWeights;

    private FeatureNetwork(NDManager manager, List<Block> layers, float[][] classWeights, InputSpec input) {
        this.manager = manager;
        this.layers = layers;
        this.classWeights = classWeights;
        this.input = input;
        try (NDManager scope = manager.newSubManager()) {
            this.dimension = (int) forward(scope, scope.zeros(new Shape(1, input.channels(), input.height(), input.width()))).getShape().get(1);
        }
    }

    /** The features of a {@code classes}-class {@code architecture} network with DJL parameter bytes {@code parameters}. */
    public static FeatureNetwork load(String architecture, int classes, InputSpec input, byte[] parameters) {
        NDManager manager = NDManager.newBaseManager();
        try {
            Block block = Architectures.build(architecture, classes);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, input.channels(), input.height(), input.width()));
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
            block.freezeParameters(true);
            List<Block> children = block.getChildren().values();
            Block last = children.get(children.size() - 1);
            float[][] classWeights = null;
            for (Pair<String, Parameter> p : last.getParameters()) {
                if (p.getKey().endsWith("weight")) {
                    classWeights = rows(p.getValue().getArray(), classes, (int) (p.getValue().getArray().size() / classes));
                }
            }
            return new FeatureNetwork(manager, children.subList(0, children.size() - 1), classWeights, input);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw new BadInputException("these are not the weights of a " + architecture + " network: " + e.getMessage(), e);
        }
    }

    public int dimension() {
        return dimension;
    }

    /** The cut-off last layer's weights, one row of {@link #dimension()} values per class: how the network read its features. */
    public float[][] classWeights() {
        float[][] copy = new float[classWeights.length][];
        for (int c = 0; c < copy.length; c++) {
            copy[c] = classWeights[c].clone();
        }
        return copy;
    }

    public InputSpec input() {
        return input;
    }

    /** phi of each image (rows of {@link #dimension()} values). */
    public float[][] features(float[][] images) {
        try (NDManager scope = manager.newSubManager()) {
            return rows(forward(scope, tensor(scope, images)), images.length, dimension);
        }
    }

    /**
     * The gradient, with respect to each image, of g_i = (phi(x_i) - phi0_i) . u_i - lambda |phi(x_i) - phi0_i|^2:
     * how far image i's features moved along its carrier u_i, less a penalty on moving elsewhere (Sablayrolles et
     * al.'s marking objective, their image-distance term replaced by the caller's L-inf budget).
     */
    float[][] markingGradient(float[][] images, float[][] original, float[][] carriers, double lambda) {
        try (NDManager scope = manager.newSubManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = tensor(scope, images);
            x.setRequiresGradient(true);
            NDArray moved = forward(scope, x).sub(scope.create(flatten(original), new Shape(images.length, dimension)));
            NDArray along = moved.mul(scope.create(flatten(carriers), new Shape(images.length, dimension))).sum();
            collector.backward(along.sub(NativeScalars.times(moved.square().sum(), (float) lambda)));
            return rows(x.getGradient(), images.length, input.size());
        }
    }

    private NDArray forward(NDManager scope, NDArray x) {
        Shape perChannel = new Shape(1, input.channels(), 1, 1);
        NDList value = new NDList(x.sub(scope.create(input.mean(), perChannel)).div(scope.create(input.std(), perChannel)));
        ParameterStore store = new ParameterStore(scope, false);
        for (Block layer : layers) {
            value = layer.forward(store, value, false);
        }
        return value.singletonOrThrow();
    }

    private NDArray tensor(NDManager scope, float[][] images) {
        input.check(images);
        return scope.create(flatten(images), new Shape(images.length, input.channels(), input.height(), input.width()));
    }

    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    private static float[][] rows(NDArray array, int count, int width) {
        float[] flat = array.toFloatArray();
        float[][] out = new float[count][width];
        for (int i = 0; i < count; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
