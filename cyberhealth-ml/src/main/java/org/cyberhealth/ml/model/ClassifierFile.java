package org.cyberhealth.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;

/**
 * A classifier on disk: a small JSON descriptor ({@value #FORMAT}) that declares where the network is
 * (a {@link ModelSource}: DJL parameters of one of the project's architectures, a TorchScript module,
 * an ONNX graph or a remote endpoint), the input (shape, value range, normalisation, tensor layout), what
 * the network outputs, the class names and how the model was trained. Files named by the descriptor are
 * relative to its folder.
 *
 * @param training free-form facts about the training (recipe, data, held-out accuracy), shown to users
 */
public record ClassifierFile(Path path, String name, ModelSource source, InputSpec input, List<String> classes, JsonNode training) {

    public static final String FORMAT = "cyberhealth-classifier/1";
    private static final long MAX_DESCRIPTOR_BYTES = 1 << 20;
    private static final long MAX_MODEL_BYTES = 256L << 20;
    private static final Duration ENDPOINT_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> SOURCE_KEYS = List.of("architecture", "torchscript", "onnx", "endpoint");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parameter file that belongs to a descriptor. */
    public static Path parametersOf(Path descriptor) {
        String file = descriptor.getFileName().toString();
        String base = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        return descriptor.resolveSibling(base + ".params");
    }

    /** Reads and checks a descriptor (the network is read by {@link #open()}). */
    public static ClassifierFile read(Path descriptor) {
        JsonNode root;
        try {
            if (Files.size(descriptor) > MAX_DESCRIPTOR_BYTES) {
                throw new BadInputException(descriptor + " is too large for a classifier descriptor");
            }
            root = JSON.readTree(Files.readString(descriptor, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + descriptor);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + descriptor + " as a classifier descriptor: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new BadInputException(descriptor + " is not a " + FORMAT + " file");
        }
        try {
            int[] shape = ints(root.path("inputShape"), 3, descriptor);
            float[] range = floats(root.path("valueRange"), descriptor);
            InputSpec input = new InputSpec(shape[0], shape[1], shape[2], range.length == 2 ? range[0] : Float.NaN,
                    range.length == 2 ? range[1] : Float.NaN, floats(root.path("mean"), descriptor), floats(root.path("std"), descriptor));
            List<String> classes = new ArrayList<>();
            root.path("classes").forEach(c -> classes.add(c.asText()));
            if (classes.size() < 2) {
                throw new BadInputException(descriptor + ": at least two classes are needed");
            }
            return new ClassifierFile(descriptor, root.path("name").asText(), source(root, descriptor), input, classes, root.path("training"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(descriptor + ": " + e.getMessage());
        }
    }

    private static ModelSource source(JsonNode root, Path descriptor) {
        List<String> present = SOURCE_KEYS.stream().filter(root::hasNonNull).toList();
        if (present.size() != 1) {
            throw new BadInputException(descriptor + " must name exactly one of " + SOURCE_KEYS + " (it names " + present + ")");
        }
        TensorLayout layout = TensorLayout.of(root.path("layout").asText("NCHW"), root.path("channelOrder").asText("as-declared"));
        NetworkOutput output = NetworkOutput.of(root.path("outputs").asText("logits"));
        String value = root.path(present.get(0)).asText();
        switch (present.get(0)) {
            case "architecture" -> {
                if (!Architectures.names().contains(value)) {
                    throw new BadInputException(descriptor + ": unknown architecture '" + value + "'");
                }
                return new ModelSource.DjlParameters(value, parametersOf(descriptor));
            }
            case "torchscript" -> {
                return new ModelSource.TorchScript(sibling(descriptor, value), layout, output);
            }
            case "onnx" -> {
                return new ModelSource.Onnx(sibling(descriptor, value), layout, output);
            }
            default -> {
                try {
                    return new ModelSource.Endpoint(new URI(value), ENDPOINT_TIMEOUT);
                } catch (URISyntaxException e) {
                    throw new BadInputException(descriptor + ": the endpoint is not a URL: " + e.getMessage());
                }
            }
        }
    }

    private static Path sibling(Path descriptor, String file) {
        Path folder = descriptor.toAbsolutePath().getParent();
        return folder.resolve(file).normalize();
    }

    /** Opens the network for queries (any source); close the result when done. */
    public Classifier open() {
        if (source instanceof ModelSource.Onnx onnx) {
            return OnnxClassifier.open(bytes(onnx.file()), onnx.file().toString(), input, classes, onnx.layout(), onnx.output());
        }
        if (source instanceof ModelSource.Endpoint endpoint) {
            return new RemoteClassifier(endpoint.uri(), input, classes, endpoint.timeout());
        }
        return openWhiteBox();
    }

    /** Opens the network with its input gradient, for white-box attacks; close the result when done. */
    public DjlClassifier openWhiteBox() {
        if (source instanceof ModelSource.DjlParameters djl) {
            return load(djl.architecture(), input, classes, bytes(djl.file()), djl.file().toString());
        }
        if (source instanceof ModelSource.TorchScript torchScript) {
            checkSize(torchScript.file());
            return TorchScriptLoading.load(torchScript, input, classes);
        }
        throw new BadInputException(path + " is a black-box model (" + source.kind() + "): this needs the input gradient, which only"
                + " DJL parameters or a TorchScript module give; query-only attacks work on it");
    }

    private static byte[] bytes(Path file) {
        checkSize(file);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks that {@code file} exists and is not larger than a model may be, before anything reads it. */
    private static void checkSize(Path file) {
        try {
            if (Files.size(file) > MAX_MODEL_BYTES) {
                throw new BadInputException(file + " is larger than " + (MAX_MODEL_BYTES >> 20) + " MiB");
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + file + " (named by the model's descriptor)");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Builds a classifier from DJL parameter bytes written by {@link Block#saveParameters}. */
    static DjlClassifier load(String architecture, InputSpec input, List<String> classes, byte[] parameters, String what) {
        NDManager manager = DjlClassifier.newManager();
        try {
            Block block = Architectures.build(architecture, classes.size());
            block.initialize(manager, DataType.FLOAT32, new Shape(1, input.channels(), input.height(), input.width()));
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
            return DjlClassifier.of(manager, block, input, classes);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw new BadInputException(what + " does not hold the weights of a " + architecture + " network: " + e.getMessage(), e);
        }
    }

    /** Writes the weights, then the descriptor (each atomically), so a descriptor never names missing weights. */
    public static void write(Path descriptor, String name, String architecture, InputSpec input, List<String> classes,
                             ObjectNode training, byte[] parameters, boolean overwrite) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", name);
        root.put("architecture", architecture);
        root.put("parameters", parametersOf(descriptor).getFileName().toString());
        root.putArray("inputShape").add(input.channels()).add(input.height()).add(input.width());
        root.putArray("valueRange").add(input.lower()).add(input.upper());
        ArrayNode mean = root.putArray("mean");
        ArrayNode std = root.putArray("std");
        for (int c = 0; c < input.channels(); c++) {
            mean.add(input.mean()[c]);
            std.add(input.std()[c]);
        }
        classes.forEach(root.putArray("classes")::add);
        root.set("training", training);
        AtomicOutput.write(parametersOf(descriptor), overwrite, parameters);
        AtomicOutput.write(descriptor, overwrite, (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int[] ints(JsonNode node, int count, Path descriptor) {
        if (!node.isArray() || node.size() != count) {
            throw new BadInputException(descriptor + ": expected " + count + " integers");
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = node.get(i).asInt();
        }
        return values;
    }

    private static float[] floats(JsonNode node, Path descriptor) {
        if (!node.isArray()) {
            throw new BadInputException(descriptor + ": expected an array of numbers");
        }
        float[] values = new float[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) node.get(i).asDouble(Double.NaN);
        }
        return values;
    }
}
