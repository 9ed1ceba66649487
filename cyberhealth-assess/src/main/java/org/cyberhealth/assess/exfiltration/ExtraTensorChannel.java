package org.cyberhealth.assess.exfiltration;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plain channel: the decoder's weights and the coded codes (tables and arithmetic-coded stream) appended to the declared network's parameter file
 * as extra named tensors (DJL's NDList encoding). A loader of the declared architecture reads its own tensors and
 * never looks further, so the model works as declared; only a reader that checks where the file ends sees them.
 */
public final class ExtraTensorChannel {

    private ExtraTensorChannel() {}

    /** The segmenter's parameter file followed by {@code decoder} (float32 tensors) and {@code packedCodes} (uint8: tables, then the stream). */
    public static byte[] append(byte[] segmenterParameters, List<float[]> decoder, byte[] packedCodes) {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            NDList extra = new NDList();
            for (int k = 0; k < decoder.size(); k++) {
                NDArray a = manager.create(decoder.get(k));
                a.setName("aux_decoder_" + k);
                extra.add(a);
            }
            NDArray codes = manager.create(ByteBuffer.wrap(packedCodes), new Shape(packedCodes.length), DataType.UINT8);
            codes.setName("aux_codes");
            extra.add(codes);
            byte[] tail = extra.encode();
            byte[] out = Arrays.copyOf(segmenterParameters, segmenterParameters.length + tail.length);
            System.arraycopy(tail, 0, out, segmenterParameters.length, tail.length);
            return out;
        }
    }

    /** The thief's side: the decoder tensors and the coded codes after the first {@code declaredBytes} bytes. */
    public static Payload read(byte[] export, int declaredBytes, Codes geometry, int images) {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            NDList extra = NDList.decode(manager, Arrays.copyOfRange(export, declaredBytes, export.length));
            List<float[]> decoder = new ArrayList<>();
            for (int k = 0; k < extra.size() - 1; k++) {
                decoder.add(extra.get(k).toFloatArray());
            }
            byte[] packed = extra.get(extra.size() - 1).toByteArray();
            int floats = decoder.stream().mapToInt(a -> a.length).sum();
            ByteBuffer bytes = ByteBuffer.allocate(floats * 4 + packed.length);
            decoder.forEach(a -> {
                for (float v : a) {
                    bytes.putFloat(v);
                }
            });
            bytes.put(packed);
            return Payload.fromBytes(bytes.array(), geometry, decoder.stream().mapToInt(a -> a.length).toArray(), images);
        }
    }
}
