package org.cyberhealth.he.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;

/**
 * The framework-neutral model file (JSON) that training code writes and encrypted inference reads:
 *
 * <pre>{@code
 * {"format": "cyberhealth-he-model/1", "name": "breast-cancer", "input": 30,
 *  "inputMean": [...], "inputScale": [...],          // the client standardises x as (x - mean) / scale
 *  "outputs": ["malignant", "benign"],
 *  "layers": [{"type": "dense", "weights": [[...], ...], "bias": [...]},
 *             {"type": "polynomial", "coefficients": [0, 0, 1]},
 *             {"type": "dense", "weights": [[...]], "bias": [...]}]}
 * }</pre>
 *
 * Image models add {@code "inputShape": [channels, height, width]} and may use
 * {@code {"type": "conv2d", "filters": f, "kernel": k, "stride": s, "weights": [f x channels x k x k values], "bias": [f]}}
 * (no padding), {@code {"type": "avgpool2d", "size": k, "stride": s}} and {@code {"type": "flatten"}};
 * they become the affine maps they are as they are read ({@link ImageLayers}), and are written back as dense layers.
 *
 * Sizes are checked as they are read (at most 65,536 values per vector, 16 million weights in all), so a
 * hostile file is refused before it can fill memory.
 */
public final class HeModelFile {

    public static final String FORMAT = "cyberhealth-he-model/1";
    private static final long MAX_BYTES = 256L << 20;
    private static final int MAX_WIDTH = 65_536;
    private static final long MAX_WEIGHTS = 16_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A model and what the client needs around it: how to standardise inputs, and the outputs' names. */
    public record Described(String name, HeModel model, double[] inputMean, double[] inputScale, List<String> outputs) {
        public double[] standardise(double[] raw) {
            double[] x = new double[raw.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (raw[i] - inputMean[i]) / inputScale[i];
            }
            return x;
        }
    }

    private HeModelFile() {}

    public static Described read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException("model file " + file + " is larger than 256 MB");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException("model file " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Described parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new BadInputException(source + " is not a model file (expected \"format\": \"" + FORMAT + "\")");
        }
        int input = root.path("input").asInt(-1);
        if (input < 1 || input > MAX_WIDTH) {
            throw new BadInputException(source + ": \"input\" must be 1 to " + MAX_WIDTH);
        }
        long[] weights = {0};
        List<Layer> layers = new ArrayList<>();
        int[] shape = root.has("inputShape") ? imageShape(root.get("inputShape"), input, source) : new int[] {input};
        int position = 0;
        for (JsonNode node : array(root, "layers", source)) {
            String where = source + ", layer " + position++;
            if ("flatten".equals(node.path("type").asText())) {
                shape = new int[] {width(shape)};
                continue;
            }
            Layer layer = layer(node, shape, weights, where);
            layers.add(layer);
            shape = layer instanceof Layer.Polynomial ? shape : outputShape(node, shape, layer);
        }
        double[] mean = root.has("inputMean") ? vector(root.get("inputMean"), source + ": inputMean") : new double[input];
        double[] scale = root.has("inputScale") ? vector(root.get("inputScale"), source + ": inputScale") : ones(input);
        if (mean.length != input || scale.length != input) {
            throw new BadInputException(source + ": inputMean and inputScale need " + input + " values each");
        }
        for (double s : scale) {
            if (!(s > 0)) {
                throw new BadInputException(source + ": every inputScale must be positive");
            }
        }
        List<String> outputs = new ArrayList<>();
        root.path("outputs").forEach(n -> outputs.add(n.asText()));
        try {
            return new Described(root.path("name").asText("model"), new HeModel(layers), mean, scale, List.copyOf(outputs));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": " + e.getMessage());
        }
    }

    private static Layer layer(JsonNode node, int[] shape, long[] weights, String where) {
        String type = node.path("type").asText("");
        int width = width(shape);
        switch (type) {
            case "dense" -> {
                JsonNode rows = array(node, "weights", where);
                if (rows.size() < 1 || rows.size() > MAX_WIDTH) {
                    throw new BadInputException(where + ": a dense layer has 1 to " + MAX_WIDTH + " outputs");
                }
                weights[0] += (long) rows.size() * width;
                if (weights[0] > MAX_WEIGHTS) {
                    throw new BadInputException(where + ": more than " + MAX_WEIGHTS + " weights in the model");
                }
                double[][] w = new double[rows.size()][];
                for (int r = 0; r < w.length; r++) {
                    w[r] = vector(rows.get(r), where + ", weights row " + r);
                    if (w[r].length != width) {
                        throw new BadInputException(where + ": weights row " + r + " has " + w[r].length + " values, the layer takes " + width);
                    }
                }
                double[] bias = node.has("bias") ? vector(node.get("bias"), where + ", bias") : new double[w.length];
                if (bias.length != w.length) {
                    throw new BadInputException(where + ": " + bias.length + " biases for " + w.length + " outputs");
                }
                return new Layer.Affine(w, bias);
            }
            case "polynomial" -> {
                double[] coefficients = vector(array(node, "coefficients", where), where + ", coefficients");
                if (coefficients.length < 2 || coefficients.length > 9) {
                    throw new BadInputException(where + ": an activation polynomial has degree 1 to 8");
                }
                return new Layer.Polynomial(width, coefficients);
            }
            case "conv2d", "avgpool2d" -> {
                if (shape.length != 3) {
                    throw new BadInputException(where + ": " + type + " needs an image (give the model an \"inputShape\" and no flatten before it)");
                }
                int kernel = bounded(node, type.equals("conv2d") ? "kernel" : "size", shape[1], where);
                int stride = bounded(node, "stride", shape[1], where);
                try {
                    if (type.equals("avgpool2d")) {
                        return ImageLayers.averagePooling(shape, kernel, stride);
                    }
                    int filters = bounded(node, "filters", 4096, where);
                    long count = (long) filters * ImageLayers.outputSide(shape[1], kernel, stride) * ImageLayers.outputSide(shape[2], kernel, stride);
                    weights[0] += count * width;
                    if (count > MAX_WIDTH || weights[0] > MAX_WEIGHTS) {
                        throw new BadInputException(where + ": the convolution's outputs or the model's weights exceed the limits");
                    }
                    return ImageLayers.convolution(shape, filters, kernel, stride, vector(array(node, "weights", where), where + ", weights"),
                            vector(array(node, "bias", where), where + ", bias"));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(where + ": " + e.getMessage());
                }
            }
            default -> throw new BadInputException(where + ": unknown layer type '" + type + "' (dense, conv2d, avgpool2d, flatten, polynomial)");
        }
    }

    /** An image's channels x height x width as the next layer sees it, or the vector length after a dense layer. */
    private static int[] outputShape(JsonNode node, int[] shape, Layer layer) {
        return switch (node.path("type").asText()) {
            case "conv2d" -> imageAfter(node.path("filters").asInt(), shape, node.path("kernel").asInt(), node.path("stride").asInt());
            case "avgpool2d" -> imageAfter(shape[0], shape, node.path("size").asInt(), node.path("stride").asInt());
            default -> new int[] {layer.outputSize()};
        };
    }

    private static int[] imageAfter(int channels, int[] shape, int window, int stride) {
        return new int[] {channels, ImageLayers.outputSide(shape[1], window, stride), ImageLayers.outputSide(shape[2], window, stride)};
    }

    private static int[] imageShape(JsonNode node, int input, String source) {
        if (!node.isArray() || node.size() != 3) {
            throw new BadInputException(source + ": \"inputShape\" must be [channels, height, width]");
        }
        int[] shape = new int[3];
        for (int i = 0; i < 3; i++) {
            shape[i] = node.get(i).asInt(0);
            if (shape[i] < 1 || shape[i] > MAX_WIDTH) {
                throw new BadInputException(source + ": \"inputShape\" entries must be 1 to " + MAX_WIDTH);
            }
        }
        if ((long) shape[0] * shape[1] * shape[2] != input) {
            throw new BadInputException(source + ": \"inputShape\" holds " + (long) shape[0] * shape[1] * shape[2] + " values, \"input\" says " + input);
        }
        return shape;
    }

    private static int width(int[] shape) {
        return shape.length == 3 ? shape[0] * shape[1] * shape[2] : shape[0];
    }

    private static int bounded(JsonNode node, String field, int max, String where) {
        int value = node.path(field).asInt(0);
        if (!node.path(field).isInt() || value < 1 || value > max) {
            throw new BadInputException(where + ": \"" + field + "\" must be a whole number from 1 to " + max);
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw new BadInputException(where + ": \"" + field + "\" must be a list");
        }
        return value;
    }

    private static double[] vector(JsonNode node, String where) {
        if (!node.isArray() || node.size() > MAX_WIDTH) {
            throw new BadInputException(where + " must be a list of at most " + MAX_WIDTH + " numbers");
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            if (!node.get(i).isNumber() || !Double.isFinite(node.get(i).asDouble())) {
                throw new BadInputException(where + ": entry " + i + " is not a finite number");
            }
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    public static String toJson(Described described) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", described.name());
        root.put("input", described.model().inputSize());
        putVector(root.putArray("inputMean"), described.inputMean());
        putVector(root.putArray("inputScale"), described.inputScale());
        ArrayNode outputs = root.putArray("outputs");
        described.outputs().forEach(outputs::add);
        ArrayNode layers = root.putArray("layers");
        for (Layer layer : described.model().layers()) {
            ObjectNode node = layers.addObject();
            if (layer instanceof Layer.Affine affine) {
                node.put("type", "dense");
                ArrayNode rows = node.putArray("weights");
                for (double[] row : affine.weights()) {
                    putVector(rows.addArray(), row);
                }
                putVector(node.putArray("bias"), affine.bias());
            } else {
                node.put("type", "polynomial");
                putVector(node.putArray("coefficients"), ((Layer.Polynomial) layer).coefficients());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putVector(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    public static void write(Described described, Path file, boolean overwrite) {
        AtomicOutput.write(file, overwrite, toJson(described).getBytes(StandardCharsets.UTF_8));
    }
}
