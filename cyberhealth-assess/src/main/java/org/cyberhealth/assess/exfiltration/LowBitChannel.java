package org.cyberhealth.assess.exfiltration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The steganographic channel: payload bits written into the {@code bits} lowest mantissa bits of every float32
 * weight of the declared network, in tensor order, most significant payload bit first. Changing the lowest k of
 * 23 mantissa bits moves a weight by less than 2^(k-23) of its value, so for small k the task does not notice
 * (the benchmark measures the Dice at each k). Li et al. (MELBA 2025) hide their codes this way; the weights
 * still load as an ordinary model of the declared architecture.
 *
 * <p>{@link #whiten} is what a careful attacker adds: XOR with a keyed pseudo-random stream, so the hidden bits
 * look as uniform as a trained network's low bits already are (see {@link CapacityAudit}).
 */
public record LowBitChannel(int bits) {

    public LowBitChannel {
        if (bits < 1 || bits > 23) {
            throw new IllegalArgumentException("1 to 23 low mantissa bits, not " + bits);
        }
    }

    public long capacityBits(List<float[]> weights) {
        return weights.stream().mapToLong(a -> a.length).sum() * bits;
    }

    /** A copy of {@code weights} carrying {@code payload}; the weights past the payload keep their bits. */
    public List<float[]> embed(List<float[]> weights, byte[] payload) {
        if ((long) payload.length * 8 > capacityBits(weights)) {
            throw new IllegalArgumentException(payload.length + " bytes do not fit in " + capacityBits(weights) / 8 + " bytes of capacity");
        }
        List<float[]> out = new ArrayList<>();
        long bit = 0;
        long total = (long) payload.length * 8;
        for (float[] tensor : weights) {
            float[] copy = tensor.clone();
            for (int k = 0; k < copy.length && bit < total; k++) {
                int raw = Float.floatToRawIntBits(copy[k]);
                for (int b = bits - 1; b >= 0 && bit < total; b--, bit++) {
                    int value = (payload[(int) (bit >>> 3)] >>> (7 - (bit & 7))) & 1;
                    raw = (raw & ~(1 << b)) | (value << b);
                }
                copy[k] = Float.intBitsToFloat(raw);
            }
            out.add(copy);
        }
        return out;
    }

    /** The first {@code bytes} bytes carried by {@code weights}. */
    public byte[] extract(List<float[]> weights, int bytes) {
        byte[] out = new byte[bytes];
        long bit = 0;
        long total = (long) bytes * 8;
        for (float[] tensor : weights) {
            for (int k = 0; k < tensor.length && bit < total; k++) {
                int raw = Float.floatToRawIntBits(tensor[k]);
                for (int b = bits - 1; b >= 0 && bit < total; b--, bit++) {
                    if (((raw >>> b) & 1) != 0) {
                        out[(int) (bit >>> 3)] |= (byte) (0x80 >>> (bit & 7));
                    }
                }
            }
        }
        if (bit < total) {
            throw new IllegalArgumentException("the weights carry only " + bit / 8 + " bytes");
        }
        return out;
    }

    /** XOR with a keyed stream: applying it twice with the same key gives the input back. */
    public static byte[] whiten(byte[] data, long key) {
        SplittableRandom stream = new SplittableRandom(key);
        byte[] out = data.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] ^= (byte) stream.nextInt(256);
        }
        return out;
    }
}
