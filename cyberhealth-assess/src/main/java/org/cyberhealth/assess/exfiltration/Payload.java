package org.cyberhealth.assess.exfiltration;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stolen data as bytes: the decoder's weights (float32, big-endian, in parameter order), the entropy model's
 * frequency tables (2 bytes a level a channel), then every image's codes arithmetic-coded with those tables
 * ({@link ArithmeticCoder}). No header: the thief designed the attack and knows the layout, so a sanitised export
 * still decodes (into whatever the damaged bits give) instead of failing.
 */
public record Payload(List<float[]> decoder, FrequencyTables tables, int[][] codes) {

    public byte[] toBytes(Codes geometry) {
        byte[] stream = ArithmeticCoder.encode(codes, tables, geometry);
        byte[] table = tables.toBytes();
        ByteBuffer out = ByteBuffer.allocate(decoderBytes(decoder) + table.length + stream.length);
        decoder.forEach(a -> {
            for (float v : a) {
                out.putFloat(v);
            }
        });
        return out.put(table).put(stream).array();
    }

    /** Reads {@code images} images' codes, the tables and a decoder of {@code decoderSizes} from {@code bytes}. */
    public static Payload fromBytes(byte[] bytes, Codes geometry, int[] decoderSizes, int images) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<float[]> decoder = new ArrayList<>();
        for (int size : decoderSizes) {
            float[] a = new float[size];
            for (int k = 0; k < size; k++) {
                a[k] = in.getFloat();
            }
            decoder.add(a);
        }
        FrequencyTables tables = FrequencyTables.fromBytes(bytes, in.position(), geometry.channels(), geometry.levels());
        // Damaged bits decode to some symbols in range: the decoder still takes them.
        int[][] codes = ArithmeticCoder.decode(bytes, in.position() + tables.byteSize(), tables, geometry, images);
        return new Payload(decoder, tables, codes);
    }

    /** Bytes of the decoder's weights at the head of the payload. */
    public static int decoderBytes(List<float[]> decoder) {
        return decoder.stream().mapToInt(a -> a.length).sum() * 4;
    }
}
