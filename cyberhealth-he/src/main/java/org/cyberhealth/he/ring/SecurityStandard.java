package org.cyberhealth.he.ring;

/**
 * The Homomorphic Encryption Standard's bounds for 128-bit classical security with a ternary (uniform
 * in {-1, 0, 1}) secret (Albrecht et al., "Homomorphic Encryption Standard", 2018, table of maximum log2 q
 * per ring degree): a parameter set whose whole modulus, special key-switching primes included, exceeds
 * the bound for its degree is refused.
 */
public final class SecurityStandard {

    private static final int[] DEGREES = {1024, 2048, 4096, 8192, 16384, 32768, 65536};
    private static final int[] MAX_LOG_Q = {27, 54, 109, 218, 438, 881, 1772};

    private SecurityStandard() {}

    /** The largest log2(QP) the standard allows at 128 bits for ring degree N. */
    public static int maxLog2Modulus(int ringDegree) {
        for (int i = 0; i < DEGREES.length; i++) {
            if (DEGREES[i] == ringDegree) {
                return MAX_LOG_Q[i];
            }
        }
        throw new IllegalArgumentException("the security standard covers ring degrees 1024 to 65536 (powers of two), not " + ringDegree);
    }

    /** Refuses a modulus of {@code log2Modulus} bits (Q times P) at ring degree N above the 128-bit bound. */
    public static void require128Bits(int ringDegree, double log2Modulus) {
        int bound = maxLog2Modulus(ringDegree);
        if (log2Modulus > bound) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "log2(QP) = %.1f exceeds the 128-bit security bound %d for N = %d (HomomorphicEncryption.org standard):"
                            + " use fewer or smaller primes, or a larger N", log2Modulus, bound, ringDegree));
        }
    }
}
