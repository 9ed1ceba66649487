package org.cyberhealth.assess.provenance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.cyberhealth.core.crypto.Hkdf;

/**
 * The secret randomness of a provenance mark: HMAC-SHA256 of a block counter under a 32-byte key, labelled per use, so
 * that projections, trigger images and carriers are reproducible from the owner's key alone and unpredictable
 * without it (a seeded {@link java.util.Random} has 48 bits of state: too few to stand in for a key). Not thread-safe.
 */
final class KeyedStream {

    private final byte[] key;
    private final byte[] label;
    private long counter;
    private ByteBuffer block = ByteBuffer.allocate(0);
    private double spareGaussian = Double.NaN;

    KeyedStream(byte[] key, String label) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a mark key needs at least 128 bits");
        }
        this.key = key.clone();
        this.label = label.getBytes(StandardCharsets.UTF_8);
    }

    long nextLong() {
        if (block.remaining() < Long.BYTES) {
            block = ByteBuffer.wrap(Hkdf.hmac(key, label, ByteBuffer.allocate(Long.BYTES).putLong(counter++).array()));
        }
        return block.getLong();
    }

    /** Uniform in [0, 1), 53 bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in 0..bound-1, without modulo bias. */
    int nextInt(int bound) {
        long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound;
        while (true) {
            long value = nextLong() >>> 1;
            if (value < limit) {
                return (int) (value % bound);
            }
        }
    }

    /** Standard normal (Box-Muller, both values used). */
    double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double value = spareGaussian;
            spareGaussian = Double.NaN;
            return value;
        }
        double u = 1 - nextDouble();
        double v = nextDouble();
        double radius = Math.sqrt(-2 * Math.log(u));
        spareGaussian = radius * Math.sin(2 * Math.PI * v);
        return radius * Math.cos(2 * Math.PI * v);
    }
}
