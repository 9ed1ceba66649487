package org.cyberhealth.he.ckks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.he.ring.Primes;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsBasis;
import org.cyberhealth.he.ring.Modulus;
import org.cyberhealth.he.ring.SecurityStandard;

/**
 * A CKKS parameter set: ring degree N (N/2 complex slots), the chain of primes q_0..q_L a ciphertext
 * descends by rescaling (q_0 holds the final result, the others about one scale each), the special
 * primes P used only inside key switching, and the default scale 2^logScale. Checked once, at
 * construction, against the HomomorphicEncryption.org 128-bit bound on log2(Q P) for N, as SEAL does
 * for its contexts.
 */
public record CkksParameters(int ringDegree, List<Long> chain, List<Long> special, int logScale) {

    public CkksParameters {
        chain = List.copyOf(chain);
        special = List.copyOf(special);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain needs at least one prime");
        }
        if (logScale < 1 || logScale > 60) {
            throw new IllegalArgumentException("log2 of the scale must be 1 to 60, got " + logScale);
        }
        List<Modulus> all = new ArrayList<>();
        for (long q : chain) {
            all.add(new Modulus(q));
        }
        for (long p : special) {
            all.add(new Modulus(p));
        }
        for (Modulus m : all) {
            if ((m.value() - 1) % (2L * ringDegree) != 0) {
                throw new IllegalArgumentException(m.value() + " is not 1 modulo 2N = " + 2L * ringDegree + " (no negacyclic NTT)");
            }
        }
        SecurityStandard.require128Bits(ringDegree, new RnsBasis(all).log2Product());
    }

    /** Generates the primes: one of {@code firstBits}, then {@code levels} of {@code scaleBits}, and the special ones. */
    public static CkksParameters generate(int logDegree, int firstBits, int levels, int scaleBits, int[] specialBits) {
        int degree = 1 << logDegree;
        List<Long> used = new ArrayList<>();
        List<Long> chain = new ArrayList<>();
        chain.addAll(take(firstBits, degree, 1, used));
        chain.addAll(take(scaleBits, degree, levels, used));
        List<Long> special = new ArrayList<>();
        for (int bits : specialBits) {
            special.addAll(take(bits, degree, 1, used));
        }
        return new CkksParameters(degree, chain, special, scaleBits);
    }

    private static List<Long> take(int bits, int degree, int count, List<Long> used) {
        List<Long> primes = count == 0 ? List.of() : Primes.nttFriendly(bits, degree, count, used);
        used.addAll(primes);
        return primes;
    }

    /** Named sets for common depths (multiplicative levels), all within the 128-bit bound. */
    public static CkksParameters preset(String name) {
        return switch (name) {
            case "test-n4096" -> generate(12, 40, 1, 30, new int[] {38});
            case "depth2-n8192" -> generate(13, 60, 2, 40, new int[] {60});
            case "depth7-n16384" -> generate(14, 60, 7, 40, new int[] {60});
            case "depth18-n32768" -> generate(15, 60, 18, 40, new int[] {60});
            default -> throw new IllegalArgumentException("unknown preset " + name + " (test-n4096, depth2-n8192, depth7-n16384, depth18-n32768)");
        };
    }

    /**
     * The smallest ring that holds {@code levels} levels within the 128-bit bound, with exactly that many
     * levels (fewer primes: smaller keys, faster key switching): N = 8192 up to 3 levels (scale 2^36 for 3,
     * so 54 + 3 x 36 + 54 = 216 bits fit under 218), N = 16384 up to 7, N = 32768 up to 18.
     */
    public static CkksParameters forDepth(int levels) {
        if (levels < 1 || levels > 18) {
            throw new IllegalArgumentException("the model needs " + levels + " levels; 1 to 18 are supported (fold activations into fewer layers)");
        }
        if (levels <= 2) {
            return generate(13, 60, levels, 40, new int[] {60});
        }
        if (levels == 3) {
            return generate(13, 54, 3, 36, new int[] {54});
        }
        return generate(levels <= 7 ? 14 : 15, 60, levels, 40, new int[] {60});
    }

    public int slots() {
        return ringDegree / 2;
    }

    public int maxLevel() {
        return chain.size() - 1;
    }

    public double scale() {
        return Math.scalb(1.0, logScale);
    }

    /** The ring of the chain followed by the special primes (key switching works over all of them). */
    public Ring ring() {
        List<Long> all = new ArrayList<>(chain);
        all.addAll(special);
        return new Ring(ringDegree, all);
    }

    public String describe() {
        List<Modulus> all = new ArrayList<>();
        chain.forEach(q -> all.add(new Modulus(q)));
        special.forEach(p -> all.add(new Modulus(p)));
        return String.format(Locale.ROOT, "N = %d, %d levels, scale 2^%d, log2(QP) = %.1f (128-bit bound %d)", ringDegree, maxLevel(),
                logScale, new RnsBasis(all).log2Product(), SecurityStandard.maxLog2Modulus(ringDegree));
    }
}
