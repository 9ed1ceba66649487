package org.cyberhealth.assess.provenance;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.model.Architectures;

/**
 * The parameters of a network of one of the project's architectures, read from and written back to DJL's parameter
 * bytes as named float arrays in the block's order: what a white-box mark reads and what the weight-level attacks on a
 * mark (pruning, quantisation) change. An immutable copy: {@link #with} returns a new one.
 */
public final class NetworkWeights {

    private final String architecture;
    private final int classes;
    private final Shape input;
    private final Map<String, float[]> values;
    private final Map<String, Shape> shapes;

    private NetworkWeights(String architecture, int classes, Shape input, Map<String, float[]> values, Map<String, Shape> shapes) {
        this.architecture = architecture;
        this.classes = classes;
        this.input = input;
        this.values = values;
        this.shapes = shapes;
    }

    /** Reads {@code parameters} (DJL's bytes) of a {@code architecture} network with {@code classes} outputs on {@code input} images. */
    public static NetworkWeights read(String architecture, int classes, Shape input, byte[] parameters) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Architectures.build(architecture, classes);
            block.initialize(manager, DataType.FLOAT32, input);
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
            Map<String, float[]> values = new LinkedHashMap<>();
            Map<String, Shape> shapes = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                values.put(p.getKey(), array.toFloatArray());
                shapes.put(p.getKey(), array.getShape());
            }
            return new NetworkWeights(architecture, classes, input, values, shapes);
        } catch (IOException | MalformedModelException e) {
            throw new BadInputException("these are not the weights of a " + architecture + " network: " + e.getMessage(), e);
        }
    }

    /** The parameter names, in the block's order (weights and biases of each layer). */
    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    /** A copy of parameter {@code name}'s values, flattened in row-major order. */
    public float[] get(String name) {
        return array(name).clone();
    }

    public Shape shape(String name) {
        array(name);
        return shapes.get(name);
    }

    /** The names of the weight tensors (biases left out): what pruning and quantisation act on. */
    public List<String> weightNames() {
        return names().stream().filter(n -> n.endsWith("_weight")).toList();
    }

    /** The last layer's weight matrix, one row per class: what detection of radioactive data reads. */
    public float[][] lastLayer() {
        List<String> weights = weightNames();
        String name = weights.get(weights.size() - 1);
        float[] flat = array(name);
        int rows = (int) shapes.get(name).get(0);
        int width = flat.length / rows;
        float[][] out = new float[rows][width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * width, out[r], 0, width);
        }
        return out;
    }

    /** These weights with parameter {@code name} replaced by {@code replacement} (same size). */
    public NetworkWeights with(String name, float[] replacement) {
        if (replacement.length != array(name).length) {
            throw new IllegalArgumentException(name + " holds " + array(name).length + " values, not " + replacement.length);
        }
        Map<String, float[]> copy = new LinkedHashMap<>(values);
        copy.put(name, replacement.clone());
        return new NetworkWeights(architecture, classes, input, copy, shapes);
    }

    /** DJL's parameter bytes of these weights, loadable as the original was. */
    public byte[] toBytes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Architectures.build(architecture, classes);
            block.initialize(manager, DataType.FLOAT32, input);
            for (Pair<String, Parameter> p : block.getParameters()) {
                p.getValue().getArray().set(FloatBuffer.wrap(values.get(p.getKey())));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the weights: " + e.getMessage(), e);
        }
    }

    /** Copies these values into {@code block}'s parameters in place (same architecture), keeping them attached to a trainer. */
    void copyInto(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            float[] v = values.get(p.getKey());
            if (v == null) {
                throw new IllegalArgumentException("the block has a parameter " + p.getKey() + " these weights lack");
            }
            p.getValue().getArray().set(FloatBuffer.wrap(v));
        }
    }

    private float[] array(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' (known: " + String.join(", ", values.keySet()) + ")");
        }
        return v;
    }
}
