package org.cyberhealth.assess.exfiltration;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The stolen data as bytes: the decoder's weights (float32, big-endian, in parameter order) followed by every
 * image's codes packed at {@link Codes#bitsPerSymbol()} bits. No header: the thief designed the attack and knows
 * the layout, so a sanitised export still decodes (into whatever the damaged bits give) instead of failing.
 */
public record Payload(List<float[]> decoder, int[][] codes) {

    public byte[] toBytes(Codes geometry) {
        int floats = decoder.stream().mapToInt(a -> a.length).sum();
        ByteBuffer out = ByteBuffer.allocate(floats * 4 + codeBytes(geometry, codes.length));
        decoder.forEach(a -> {
            for (float v : a) {
                out.putFloat(v);
            }
        });
        int width = geometry.bitsPerSymbol();
        long bit = 0;
        byte[] packed = new byte[codeBytes(geometry, codes.length)];
        for (int[] image : codes) {
            for (int s : image) {
                for (int b = width - 1; b >= 0; b--, bit++) {
                    if (((s >>> b) & 1) != 0) {
                        packed[(int) (bit >>> 3)] |= (byte) (0x80 >>> (bit & 7));
                    }
                }
            }
        }
        return out.put(packed).array();
    }

    /** Reads {@code images} images' codes and a decoder of {@code decoderSizes} from {@code bytes}. */
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
        int width = geometry.bitsPerSymbol();
        int[][] codes = new int[images][geometry.symbols()];
        long bit = (long) in.position() * 8;
        for (int[] image : codes) {
            for (int q = 0; q < image.length; q++) {
                int s = 0;
                for (int b = 0; b < width; b++, bit++) {
                    s = (s << 1) | ((bytes[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1);
                }
                // Damaged bits can name a level the quantiser never outputs; the decoder still takes it.
                image[q] = s;
            }
        }
        return new Payload(decoder, codes);
    }

    /** Bytes that {@code images} images' packed codes take. */
    public static int codeBytes(Codes geometry, int images) {
        return Math.toIntExact((geometry.packedBitsPerImage() * images + 7) / 8);
    }

    /** Bytes of the whole payload for {@code images} images with a decoder of {@code decoderSizes}. */
    public static int bytes(Codes geometry, int[] decoderSizes, int images) {
        int floats = 0;
        for (int s : decoderSizes) {
            floats += s;
        }
        return floats * 4 + codeBytes(geometry, images);
    }
}
