package org.cyberhealth.he.ckks;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * The randomness of keys and encryptions: a ternary secret (each coefficient uniform in {-1, 0, 1}), errors
 * from a rounded Gaussian of standard deviation 3.2 cut at 6 sigma (the HE standard's choice), and uniform
 * polynomials expanded by AES-256 in counter mode from a 32-byte seed, so that a uniform part can be sent
 * as its seed. Seeds and the small samples come from {@link SecureRandom}.
 */
public final class Sampler {

    public static final double SIGMA = 3.2;
    private static final int BOUND = 19;

    private final Ring ring;
    private final SecureRandom random;

    public Sampler(Ring ring, SecureRandom random) {
        this.ring = ring;
        this.random = random;
    }

    public byte[] seed() {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return seed;
    }

    public long[] ternary() {
        long[] s = new long[ring.degree()];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextInt(3) - 1;
        }
        return s;
    }

    public long[] gaussian() {
        long[] e = new long[ring.degree()];
        for (int i = 0; i < e.length; i++) {
            long x;
            do {
                x = Math.round(random.nextGaussian() * SIGMA);
            } while (Math.abs(x) > BOUND);
            e[i] = x;
        }
        return e;
    }

    /** A uniform polynomial over the first {@code primes} primes, in NTT form (uniform either way), from {@code seed}. */
    public RnsPoly uniform(byte[] seed, int primes) {
        RnsPoly poly = ring.zero(primes, true);
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
            byte[] block = new byte[8 * 1024];
            byte[] zeros = new byte[block.length];
            int used = block.length;
            for (int i = 0; i < primes; i++) {
                long q = ring.modulus(i).value();
                long mask = -1L >>> Long.numberOfLeadingZeros(q);
                long[] row = poly.row(i);
                for (int j = 0; j < row.length; ) {
                    if (used == block.length) {
                        aes.update(zeros, 0, zeros.length, block, 0);
                        used = 0;
                    }
                    long candidate = java.nio.ByteBuffer.wrap(block, used, 8).getLong() & mask;
                    used += 8;
                    if (candidate < q) {
                        row[j++] = candidate;
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every Java runtime", e);
        }
        return poly;
    }
}
