package org.cyberhealth.he.ring;

import java.math.BigInteger;

/**
 * Arithmetic modulo one prime q below 2^61, on {@code long}s holding values in [0, q). Products are
 * reduced with Barrett's method (P. Barrett, "Implementing the Rivest Shamir and Adleman public key
 * encryption algorithm on a standard digital signal processor", CRYPTO 1986): a product of residues,
 * shifted right by bits(q) - 2, times the one-word ratio floor(2^(62 + bits(q)) / q) gives the quotient up
 * to a small error, corrected by subtraction; larger 128-bit sums use the two-word ratio floor(2^128 / q).
 * Multiplication by a constant known in advance (an NTT twiddle factor) uses Shoup's precomputed
 * quotient floor(w 2^64 / q), which needs one high and two low multiplications (V. Shoup, NTL; analysed
 * by D. Harvey, "Faster arithmetic for number-theoretic transforms", J. Symb. Comp. 2014). The bound
 * 2^61 leaves room for Harvey's lazy butterflies, which let values grow to 4q below 2^63.
 */
public final class Modulus {

    public static final int MAX_BITS = 61;

    private final long value;
    private final long ratioHigh;
    private final long ratioLow;
    private final int productShift;
    private final int highShift;
    private final long productRatio;

    public Modulus(long value) {
        if (value < 2 || 64 - Long.numberOfLeadingZeros(value) > MAX_BITS) {
            throw new IllegalArgumentException("a modulus must be at least 2 and at most " + MAX_BITS + " bits, got " + value);
        }
        this.value = value;
        BigInteger ratio = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(value));
        ratioLow = ratio.longValue();
        ratioHigh = ratio.shiftRight(64).longValue();
        productShift = Math.max(bits() - 2, 0);
        highShift = 66 - bits();
        // (2^(64 + shift) - 1) / q: the same as 2^(64 + shift) / q for every odd q, and below 2^63 for q = 2 too.
        productRatio = BigInteger.ONE.shiftLeft(64 + productShift).subtract(BigInteger.ONE).divide(BigInteger.valueOf(value)).longValue();
    }

    public long value() {
        return value;
    }

    public int bits() {
        return 64 - Long.numberOfLeadingZeros(value);
    }

    // The conditional corrections below are masks, not branches: on random residues a branch is
    // mispredicted half the time, which costs more than the arithmetic itself.

    public long add(long a, long b) {
        long sum = a + b - value;
        return sum + (value & sum >> 63);
    }

    public long subtract(long a, long b) {
        long difference = a - b;
        return difference + (value & difference >> 63);
    }

    public long negate(long a) {
        return a == 0 ? 0 : value - a;
    }

    /**
     * a b mod q for a, b in [0, q): Barrett with a one-word ratio. With k = bits(q), x = a b < 2^(2k) is
     * shifted right by k - 2 (below 2^(k+2) <= 2^63) and multiplied by floor(2^(62+k) / q) (below 2^63), whose
     * high word underestimates x / q by less than 2: four multiplications instead of nine with the general reduction.
     */
    public long multiply(long a, long b) {
        return reduceNarrow(Math.multiplyHigh(a, b), a * b);
    }

    /**
     * The 128-bit number {@code high 2^64 + low}, below 2^(61 + k) with k = bits(q) (a sum of up to
     * {@link #narrowTerms()} products of residues), reduced into [0, q) by the one-word Barrett reduction.
     */
    public long reduceNarrow(long high, long low) {
        return belowQ(low - Math.multiplyHigh(high << highShift | low >>> productShift, productRatio) * value);
    }

    /** How many products of residues (each below 2^(2k)) may be summed for {@link #reduceNarrow}: 2^(61 - k), at most 2^20. */
    public int narrowTerms() {
        return 1 << Math.min(MAX_BITS - bits(), 20);
    }

    /** Any non-negative long, reduced into [0, q): the one-word Barrett reduction of {@link #multiply} (a < 2^63 <= 2^(61 + k)). */
    public long reduce(long a) {
        return belowQ(a - Math.multiplyHigh(a >>> productShift, productRatio) * value);
    }

    /** The unsigned 128-bit number {@code high 2^64 + low}, below q 2^64 (e.g. a sum of up to 8 products of residues), reduced into [0, q). */
    public long reduce(long high, long low) {
        // Words 2 and up of (high, low) times (ratioHigh, ratioLow); the quotient fits in word 2.
        long carryIn = unsignedMultiplyHigh(low, ratioLow);
        long lowTimesHigh = low * ratioHigh;
        long sum = lowTimesHigh + carryIn;
        long carries = Long.compareUnsigned(sum, lowTimesHigh) < 0 ? 1 : 0;
        long highTimesLow = high * ratioLow;
        long sum2 = sum + highTimesLow;
        carries += Long.compareUnsigned(sum2, sum) < 0 ? 1 : 0;
        long quotient = high * ratioHigh + unsignedMultiplyHigh(low, ratioHigh) + unsignedMultiplyHigh(high, ratioLow) + carries;
        // The estimate is short by at most two multiples of q.
        return belowQ(low - quotient * value);
    }

    /** x in [0, 3q) to [0, q). */
    private long belowQ(long x) {
        long d = x - value;
        d += value & d >> 63;
        long e = d - value;
        return e + (value & e >> 63);
    }

    /** Shoup's precomputed quotient floor(w 2^64 / q) for a constant factor w in [0, q). */
    public long shoup(long w) {
        return BigInteger.valueOf(w).shiftLeft(64).divide(BigInteger.valueOf(value)).longValue();
    }

    /** a w mod q, given {@code wShoup = shoup(w)}; a may be any value below 2^63. */
    public long multiplyShoup(long a, long w, long wShoup) {
        long result = multiplyShoupLazy(a, w, wShoup) - value;
        return result + (value & result >> 63);
    }

    /** a w mod q in [0, 2q), without the final correction (for lazy butterflies). */
    public long multiplyShoupLazy(long a, long w, long wShoup) {
        // The unsigned high word of a wShoup for a >= 0: the signed one, plus a where wShoup has its top bit set.
        return a * w - (Math.multiplyHigh(a, wShoup) + (wShoup >> 63 & a)) * value;
    }

    public long pow(long base, long exponent) {
        long result = 1 % value;
        long square = base % value;
        for (long e = exponent; e > 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result = multiply(result, square);
            }
            square = multiply(square, square);
        }
        return result;
    }

    /** The inverse of a non-zero a (q prime). */
    public long inverse(long a) {
        if (a % value == 0) {
            throw new ArithmeticException("0 has no inverse modulo " + value);
        }
        return pow(a, value - 2);
    }

    /** The high 64 bits of the unsigned 128-bit product (Java 17 has only the signed one). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    @Override
    public String toString() {
        return "Modulus[" + value + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Modulus m && m.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }
}
