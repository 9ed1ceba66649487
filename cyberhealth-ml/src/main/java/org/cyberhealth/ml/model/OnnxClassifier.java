package org.cyberhealth.ml.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;

/**
 * A user's ONNX model behind the black-box {@link Classifier} interface, run by ONNX Runtime on one
 * thread. ONNX graphs are exported for inference: there is no autograd here, so only attacks that query
 * (score-based or label-only) can use it. The declared normalisation and layout are applied in Java
 * before the graph sees the batch.
 */
public final class OnnxClassifier implements Classifier {

    private final OrtSession session;
    private final String inputName;
    private final InputSpec input;
    private final List<String> classes;
    private final TensorLayout layout;
    private final NetworkOutput output;

    private OnnxClassifier(OrtSession session, String inputName, InputSpec input, List<String> classes, TensorLayout layout,
                           NetworkOutput output) {
        this.session = session;
        this.inputName = inputName;
        this.input = input;
        this.classes = List.copyOf(classes);
        this.layout = layout;
        this.output = output;
    }

    /** Opens the ONNX graph in {@code model} (its bytes) and checks that it has one float input of the declared rank. */
    public static OnnxClassifier open(byte[] model, String what, InputSpec input, List<String> classes, TensorLayout layout,
                                      NetworkOutput output) {
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One thread, as PyTorch runs here: the attacks parallelise nothing, and results repeat exactly.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = OrtEnvironment.getEnvironment().createSession(model, options);
            if (session.getInputInfo().size() != 1) {
                throw new BadInputException(what + " has " + session.getInputInfo().size() + " inputs; a classifier takes one image batch");
            }
            Map.Entry<String, NodeInfo> entry = session.getInputInfo().entrySet().iterator().next();
            if (!(entry.getValue().getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 4) {
                throw new BadInputException(what + ": the input '" + entry.getKey() + "' is not a 4-dimensional tensor");
            }
            return new OnnxClassifier(session, entry.getKey(), input, classes, layout, output);
        } catch (OrtException e) {
            throw new BadInputException(what + " is not an ONNX model ONNX Runtime can run: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
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
        int size = input.size();
        FloatBuffer values = FloatBuffer.allocate(batch.length * size);
        for (float[] image : batch) {
            values.put(layout.arrange(normalised(image), input));
        }
        values.flip();
        long[] shape = layout.channelsLast()
                ? new long[] {batch.length, input.height(), input.width(), input.channels()}
                : new long[] {batch.length, input.channels(), input.height(), input.width()};
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), values, shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Object value = result.get(0).getValue();
            if (!(value instanceof float[][] rows) || rows.length != batch.length || rows[0].length != classes.size()) {
                throw new BadInputException("the ONNX model's first output is not one row of " + classes.size()
                        + " floats per image");
            }
            for (float[] row : rows) {
                output.probabilities(row);
            }
            return rows;
        } catch (OrtException e) {
            throw new BadInputException("the ONNX model failed on a batch of " + batch.length + ": " + e.getMessage(), e);
        }
    }

    private float[] normalised(float[] image) {
        float[] mean = input.mean();
        float[] std = input.std();
        int plane = input.height() * input.width();
        float[] out = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            int c = i / plane;
            out[i] = (image[i] - mean[c]) / std[c];
        }
        return out;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                // Nothing is left to release that the caller could act on.
            }
        }
    }
}
