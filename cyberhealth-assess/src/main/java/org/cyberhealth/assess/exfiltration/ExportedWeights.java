package org.cyberhealth.assess.exfiltration;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tensors of an exported DJL parameter file ({@code Block.saveParameters}), read against the declared
 * architecture. DJL's file holds the tensors in the block's order with their local names; it neither lists
 * them nor says where it ends, so the reader walks the declared network and then looks at what is left:
 * bytes after the last declared tensor are something the declaration does not account for (the first data
 * stealing channel appends its decoder and codes there). A tensor whose shape differs from the declared one is
 * kept with its own shape so that the structure audit can name it.
 *
 * <p>{@code structureError} is set (and the tensor list empty) when the file does not follow the declared
 * architecture at all.
 */
public record ExportedWeights(List<Tensor> tensors, long totalBytes, long trailingBytes, List<Tensor> trailingTensors,
                              String structureError) {

    /** One tensor: its path in the network, declared and actual shape, and values (float32). */
    public record Tensor(String name, long[] declaredShape, long[] shape, float[] values) {

        public boolean shapeMatches() {
            return Arrays.equals(declaredShape, shape);
        }
    }

    /** Parses {@code bytes} as the parameters of {@code task}'s architecture. */
    public static ExportedWeights read(byte[] bytes, DeclaredTask task) {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Block block = task.newNetwork(manager);
            List<long[]> declared = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                declared.add(p.getValue().getArray().getShape().getShape());
            }
            ByteArrayInputStream source = new ByteArrayInputStream(bytes);
            try {
                block.loadParameters(manager, new DataInputStream(source));
            } catch (IOException | MalformedModelException | RuntimeException e) {
                return new ExportedWeights(List.of(), bytes.length, 0, List.of(),
                        "the file does not hold the parameters of a " + task.architecture() + " network: " + e.getMessage());
            }
            List<Tensor> tensors = new ArrayList<>();
            int k = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (array.getDataType() != DataType.FLOAT32) {
                    return new ExportedWeights(List.of(), bytes.length, 0, List.of(),
                            "tensor " + p.getKey() + " is " + array.getDataType() + ", the declared network holds float32 only");
                }
                tensors.add(new Tensor(p.getKey(), declared.get(k++), array.getShape().getShape(), array.toFloatArray()));
            }
            int left = source.available();
            return new ExportedWeights(tensors, bytes.length, left, trailing(bytes, bytes.length - left, manager), null);
        }
    }

    /** Best effort: the trailing bytes read as DJL's NDList encoding, so the audit can name what was appended. */
    private static List<Tensor> trailing(byte[] bytes, int from, NDManager manager) {
        if (from >= bytes.length) {
            return List.of();
        }
        try {
            NDList list = NDList.decode(manager, Arrays.copyOfRange(bytes, from, bytes.length));
            List<Tensor> out = new ArrayList<>();
            for (NDArray a : list) {
                long[] shape = a.getShape().getShape();
                out.add(new Tensor(a.getName() == null ? "(unnamed)" : a.getName(), new long[0], shape,
                        a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : new float[0]));
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The declared tensors with new values, written as a DJL parameter file of the declared architecture. */
    public static byte[] write(DeclaredTask task, List<float[]> values) {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Block block = task.newNetwork(manager);
            List<Pair<String, Parameter>> parameters = block.getParameters().stream().toList();
            if (parameters.size() != values.size()) {
                throw new IllegalArgumentException(values.size() + " tensors for " + parameters.size() + " parameters");
            }
            for (int k = 0; k < values.size(); k++) {
                NDArray array = parameters.get(k).getValue().getArray();
                if (array.size() != values.get(k).length) {
                    throw new IllegalArgumentException(parameters.get(k).getKey() + " holds " + array.size() + " values, not " + values.get(k).length);
                }
                array.set(values.get(k));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(out));
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode parameters: " + e.getMessage(), e);
        }
    }

    public boolean followsDeclaration() {
        return structureError == null;
    }

    /** The values of every declared tensor, in order (what {@link #write} takes back). */
    public List<float[]> values() {
        return tensors.stream().map(Tensor::values).toList();
    }

    public long parameterCount() {
        return tensors.stream().mapToLong(t -> t.values().length).sum();
    }
}
