package org.cyberhealth.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;

/**
 * A segmentation model on disk: a JSON descriptor ({@value #FORMAT}) with the same fields as a classifier's
 * ({@link ClassifierFile}: architecture, input shape, value range, normalisation, classes, training facts),
 * the classes naming the mask's labels with the background first, and DJL's parameter file beside it. Only
 * the project's {@link SmallUNet} layout is read for now.
 */
public record SegmenterFile(Path path, String name, Path torchScript, InputSpec input, List<String> classes, JsonNode training) {

    public static final String FORMAT = "cyberhealth-segmenter/1";
    private static final long MAX_DESCRIPTOR_BYTES = 1 << 20;
    private static final long MAX_MODEL_BYTES = 256L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads and checks a descriptor (the weights are read by {@link #open()}). */
    public static SegmenterFile read(Path descriptor) {
        JsonNode root;
        try {
            if (Files.size(descriptor) > MAX_DESCRIPTOR_BYTES) {
                throw new BadInputException(descriptor + " is too large for a segmenter descriptor");
            }
            root = JSON.readTree(Files.readString(descriptor, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + descriptor);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + descriptor + " as a segmenter descriptor: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new BadInputException(descriptor + " is not a " + FORMAT + " file");
        }
        // Either the project's U-Net with DJL weights beside the descriptor, or a user's TorchScript module.
        Path torchScript = root.hasNonNull("torchscript")
                ? descriptor.toAbsolutePath().getParent().resolve(root.path("torchscript").asText()).normalize() : null;
        if (torchScript == null && !SmallUNet.NAME.equals(root.path("architecture").asText())) {
            throw new BadInputException(descriptor + ": unknown architecture '" + root.path("architecture").asText() + "' (known: "
                    + SmallUNet.NAME + "; or name a TorchScript module with \"torchscript\")");
        }
        try {
            JsonNode shape = root.path("inputShape");
            JsonNode range = root.path("valueRange");
            if (shape.size() != 3 || range.size() != 2 || root.path("mean").size() != 1 || root.path("std").size() != 1) {
                throw new BadInputException(descriptor + ": inputShape needs 3 integers, valueRange 2 numbers, mean and std one each");
            }
            InputSpec input = new InputSpec(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt(), (float) range.get(0).asDouble(),
                    (float) range.get(1).asDouble(), new float[] {(float) root.path("mean").get(0).asDouble()},
                    new float[] {(float) root.path("std").get(0).asDouble()});
            if (torchScript == null && (input.channels() != 1 || input.height() % 4 != 0 || input.width() % 4 != 0)) {
                throw new BadInputException(descriptor + ": " + SmallUNet.NAME + " takes one channel and sides that are multiples of 4");
            }
            List<String> classes = new ArrayList<>();
            root.path("classes").forEach(c -> classes.add(c.asText()));
            if (classes.size() < 2 || !classes.get(0).equals("background")) {
                throw new BadInputException(descriptor + ": classes must start with 'background' and name at least one more");
            }
            return new SegmenterFile(descriptor, root.path("name").asText(), torchScript, input, classes, root.path("training"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(descriptor + ": " + e.getMessage());
        }
    }

    /** Opens the network with its input gradient; close the result when done. */
    public DjlSegmenter open() {
        if (torchScript != null) {
            return openTorchScript();
        }
        Path weights = ClassifierFile.parametersOf(path);
        try {
            if (Files.size(weights) > MAX_MODEL_BYTES) {
                throw new BadInputException(weights + " is larger than " + (MAX_MODEL_BYTES >> 20) + " MiB");
            }
            return load(input, classes, Files.readAllBytes(weights), weights.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + weights + " (the weights of " + path + ")");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + weights + ": " + e.getMessage(), e);
        }
    }

    private DjlSegmenter openTorchScript() {
        try {
            if (Files.size(torchScript) > MAX_MODEL_BYTES) {
                throw new BadInputException(torchScript + " is larger than " + (MAX_MODEL_BYTES >> 20) + " MiB");
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + torchScript + " (named by " + path + ")");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + torchScript + ": " + e.getMessage(), e);
        }
        ZooModel<NDList, NDList> model = TorchScriptLoading.module(torchScript);
        try {
            DjlSegmenter segmenter = DjlSegmenter.of(model, input, classes);
            float[] blank = new float[input.size()];
            java.util.Arrays.fill(blank, input.lower());
            segmenter.predict(new float[][] {blank});
            return segmenter;
        } catch (RuntimeException e) {
            model.close();
            throw new BadInputException(torchScript + " does not fit the declared input (" + input.channels() + "x" + input.height() + "x"
                    + input.width() + ") and classes (" + classes.size() + "): " + TorchScriptLoading.firstLine(e), e);
        }
    }

    /** Builds a segmenter from DJL parameter bytes written by {@link Block#saveParameters}. */
    static DjlSegmenter load(InputSpec input, List<String> classes, byte[] parameters, String what) {
        NDManager manager = DjlClassifier.newManager();
        try {
            Block block = SmallUNet.build(classes.size());
            block.initialize(manager, DataType.FLOAT32, new Shape(1, input.channels(), input.height(), input.width()));
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
            return DjlSegmenter.of(manager, block, input, classes);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            manager.close();
            throw new BadInputException(what + " does not hold the weights of a " + SmallUNet.NAME + " network: " + e.getMessage(), e);
        }
    }

    /** Writes the weights, then the descriptor (each atomically), so a descriptor never names missing weights. */
    static void write(Path descriptor, String name, InputSpec input, List<String> classes, ObjectNode training, byte[] parameters,
                      boolean overwrite) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", name);
        root.put("architecture", SmallUNet.NAME);
        root.put("parameters", ClassifierFile.parametersOf(descriptor).getFileName().toString());
        root.putArray("inputShape").add(input.channels()).add(input.height()).add(input.width());
        root.putArray("valueRange").add(input.lower()).add(input.upper());
        root.putArray("mean").add(input.mean()[0]);
        root.putArray("std").add(input.std()[0]);
        classes.forEach(root.putArray("classes")::add);
        root.set("training", training);
        AtomicOutput.write(ClassifierFile.parametersOf(descriptor), overwrite, parameters);
        AtomicOutput.write(descriptor, overwrite, (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
