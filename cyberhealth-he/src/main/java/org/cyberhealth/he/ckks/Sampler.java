package org.cyberhealth.he.ckks;

import java.security.SecureRandom;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * The randomness of keys and encryptions: a ternary secret (each coefficient uniform in {-1, 0, 1}), errors
 * from a rounded Gaussian of standard deviation 3.2 cut at 6 sigma (the HE standard's choice), and uniform
 * polynomials expanded by AES-256 in counter mode from a 32-byte seed, so that a uniform part can be sent
 * as its seed. Every seed comes from {@link SecureRandom}; the small samples from an AES stream seeded by
 * it (drawing them from SecureRandom directly made encryption ten times slower).
 */
public final class Sampler {

    /** The bytes of a seed: an AES-256 key. */
    public static final int SEED_BYTES = 32;

    public static final double SIGMA = 3.2;
    private static final int BOUND = 19;

    private final Ring ring;
    private final SecureRandom random;
    private final RandomStream small;

    public Sampler(Ring ring, SecureRandom random) {
        this.ring = ring;
        this.random = random;
        small = new RandomStream(seedFrom(random));
    }

    private static byte[] seedFrom(SecureRandom random) {
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        return seed;
    }

    /** A fresh seed for a uniform polynomial. */
    public byte[] seed() {
        return seedFrom(random);
    }

    public long[] ternary() {
        long[] s = new long[ring.degree()];
        for (int i = 0; i < s.length; i++) {
            long word;
            do {
                word = small.nextLong() >>> 62;
            } while (word == 3);
            s[i] = word - 1;
        }
        return s;
    }

    /** Rounded Gaussian of deviation {@link #SIGMA} by the Box-Muller transform, redrawn beyond 6 sigma. */
    public long[] gaussian() {
        long[] e = new long[ring.degree()];
        for (int i = 0; i < e.length; i += 2) {
            long x;
            long y;
            do {
                double radius = SIGMA * Math.sqrt(-2 * Math.log(1 - small.nextDouble()));
                double angle = 2 * Math.PI * small.nextDouble();
                x = Math.round(radius * Math.cos(angle));
                y = Math.round(radius * Math.sin(angle));
            } while (Math.abs(x) > BOUND || Math.abs(y) > BOUND);
            e[i] = x;
            if (i + 1 < e.length) {
                e[i + 1] = y;
            }
        }
        return e;
    }

    /** A uniform polynomial over the first {@code primes} primes, in NTT form (uniform either way), from {@code seed}. */
    public RnsPoly uniform(byte[] seed, int primes) {
        return expand(ring, seed, primes);
    }

    /** The uniform polynomial that {@code seed} expands to (how a serialised key's uniform part comes back). */
    static RnsPoly expand(Ring ring, byte[] seed, int primes) {
        RnsPoly poly = ring.zero(primes, true);
        RandomStream stream = new RandomStream(seed);
        for (int i = 0; i < primes; i++) {
            long q = ring.modulus(i).value();
            long mask = -1L >>> Long.numberOfLeadingZeros(q);
            long[] row = poly.row(i);
            for (int j = 0; j < row.length; ) {
                long candidate = stream.nextLong() & mask;
                if (candidate < q) {
                    row[j++] = candidate;
                }
            }
        }
        return poly;
    }
}
