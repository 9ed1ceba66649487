package org.cyberhealth.ml.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cyberhealth.core.io.AtomicOutput;

/**
 * Writes a trained network in the framework-neutral model format that encrypted inference reads
 * ({@code cyberhealth-he-model/1}, documented in docs/HE.md), so that the HE module never depends on
 * the training framework. The file also records how it was made: the recipe and the held-out score.
 */
public final class HeModelExport {

    public static final String FORMAT = "cyberhealth-he-model/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeModelExport() {}

    public static void write(TrainedNetwork network, Path target, boolean overwrite) {
        AtomicOutput.write(target, overwrite, toJson(network).getBytes(StandardCharsets.UTF_8));
    }

    public static String toJson(TrainedNetwork network) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", network.recipe().name());
        int[] shape = network.inputShape();
        root.put("input", Shapes.size(shape));
        if (shape.length == 3) {
            ints(root.putArray("inputShape"), shape);
        }
        doubles(root.putArray("inputMean"), network.standardisation().mean());
        doubles(root.putArray("inputScale"), network.standardisation().scale());
        ArrayNode outputs = root.putArray("outputs");
        network.outputs().forEach(outputs::add);
        ArrayNode layers = root.putArray("layers");
        int[] current = shape.length == 3 ? shape : new int[] {Shapes.size(shape)};
        for (int i = 0; i < network.layers().size(); i++) {
            LayerSpec layer = network.layers().get(i);
            layer(layers.addObject(), layer, current, network.weights().get(i), network.biases().get(i));
            current = Shapes.after(layer, current);
        }
        ObjectNode training = root.putObject("training");
        training.put("recipe", network.recipe().toString());
        training.put("data", network.trainedOn().name() + ", " + network.trainedOn().size() + " samples");
        training.put("heldOut", network.score().describe());
        return root.toPrettyString();
    }

    private static void layer(ObjectNode node, LayerSpec layer, int[] in, double[] weights, double[] bias) {
        if (layer instanceof LayerSpec.Dense) {
            node.put("type", "dense");
            int inputs = Shapes.size(in);
            ArrayNode rows = node.putArray("weights");
            for (int r = 0; r < bias.length; r++) {
                ArrayNode row = rows.addArray();
                for (int c = 0; c < inputs; c++) {
                    row.add(weights[r * inputs + c]);
                }
            }
            doubles(node.putArray("bias"), bias);
        } else if (layer instanceof LayerSpec.Conv2d conv) {
            node.put("type", "conv2d");
            node.put("filters", conv.filters());
            node.put("kernel", conv.kernel());
            node.put("stride", conv.stride());
            doubles(node.putArray("weights"), weights);
            doubles(node.putArray("bias"), bias);
        } else if (layer instanceof LayerSpec.AvgPool2d pool) {
            node.put("type", "avgpool2d");
            node.put("size", pool.size());
            node.put("stride", pool.stride());
        } else if (layer instanceof LayerSpec.Flatten) {
            node.put("type", "flatten");
        } else {
            node.put("type", "polynomial");
            doubles(node.putArray("coefficients"), ((LayerSpec.Polynomial) layer).coefficients());
        }
    }

    private static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add((float) v);
        }
    }

    private static void ints(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
    }
}
