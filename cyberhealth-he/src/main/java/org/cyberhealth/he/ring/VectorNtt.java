package org.cyberhealth.he.ring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The NTT stages of {@link NttTables} whose butterflies are at least eight lanes apart, eight butterflies
 * at a time with the JDK's incubating Vector API (AVX-512: 64-bit lanes, low 64-bit products). x86 has no
 * vector instruction for the high word of a 64-bit product, which Shoup's and Barrett's reductions need, so
 * the quotient of y w by q comes from a double-precision product instead: for q below 2^49 and y below 4q
 * (exact in a double), c = round(y * fl(w / q)) is within 0.75 of y w / q, so y w - c q, computed with
 * wrapping 64-bit products (exact, the true value being small), lies in [-q, q) and one masked addition of q
 * brings it into [0, q). The idea of a floating-point quotient for an integer remainder is Shoup's NTL
 * "MulMod" with a precomputed double inverse; the rounding is done by adding 2^52 in a fused multiply-add,
 * which leaves the integer in the low bits of the double's encoding. Loaded only where the module
 * jdk.incubator.vector is present (see {@link NttTables}).
 */
final class VectorNtt {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;
    /** The encoding of 2^52: OR-ed onto an integer below 2^52 it gives the double 2^52 + that integer. */
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);

    private VectorNtt() {}

    /** Whether this JVM runs eight 64-bit lanes in hardware (AVX-512); with fewer, 64-bit products are emulated and slower than scalar code. */
    static boolean hardware() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    }

    /**
     * One Cooley-Tukey stage: {@code blocks} blocks of 2t, twiddle {@code roots[blocks + i]} for block i (centred
     * as in {@link NttTables}; {@code rootsOverQ} holds the uncentred w / q), t a multiple of eight; inputs in
     * [0, 4q) from {@code in}, outputs in [0, 4q) into {@code out} (which may be {@code in}).
     */
    static void forwardStage(long[] in, long[] out, int blocks, int t, long[] roots, double[] rootsOverQ, long q) {
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector twoQ = LongVector.broadcast(LONGS, 2 * q);
        for (int i = 0; i < blocks; i++) {
            long w = roots[blocks + i];
            LongVector twiddle = LongVector.broadcast(LONGS, w < 0 ? w + q : w);
            DoubleVector twiddleOverQ = DoubleVector.broadcast(DOUBLES, rootsOverQ[blocks + i]);
            int start = 2 * i * t;
            int end = start + t;
            for (int j = start; j < end; j += LONGS.length()) {
                LongVector x = belowTwoQ(LongVector.fromArray(LONGS, in, j), twoQ);
                LongVector y = multiply(LongVector.fromArray(LONGS, in, j + t), twiddle, twiddleOverQ, modulus);
                x.add(y).intoArray(out, j);
                x.sub(y).add(twoQ).intoArray(out, j + t);
            }
        }
    }

    /**
     * One Gentleman-Sande stage in place: {@code blocks} blocks of 2t, twiddle {@code inverseRoots[blocks + i]}
     * (centred; {@code inverseRootsOverQ} uncentred over q), t a multiple of eight; inputs and outputs in [0, 2q).
     */
    static void inverseStage(long[] a, int blocks, int t, long[] inverseRoots, double[] inverseRootsOverQ, long q) {
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector twoQ = LongVector.broadcast(LONGS, 2 * q);
        for (int i = 0; i < blocks; i++) {
            long w = inverseRoots[blocks + i];
            LongVector twiddle = LongVector.broadcast(LONGS, w < 0 ? w + q : w);
            DoubleVector twiddleOverQ = DoubleVector.broadcast(DOUBLES, inverseRootsOverQ[blocks + i]);
            int start = 2 * i * t;
            int end = start + t;
            for (int j = start; j < end; j += LONGS.length()) {
                LongVector x = LongVector.fromArray(LONGS, a, j);
                LongVector y = LongVector.fromArray(LONGS, a, j + t);
                belowTwoQ(x.add(y), twoQ).intoArray(a, j);
                multiply(x.sub(y).add(twoQ), twiddle, twiddleOverQ, modulus).intoArray(a, j + t);
            }
        }
    }

    /**
     * The last Gentleman-Sande stage in place (one block: halves of the row, t = N/2), with 1/N folded in: the
     * sum times {@code scale} (1/N), the difference times {@code scaledRoot} (psi^-1 / N), both given in [0, q)
     * with their ratios to q; inputs in [0, 2q), outputs in [0, q).
     */
    static void inverseLastStage(long[] a, int t, long scale, double scaleOverQ, long scaledRoot, double scaledRootOverQ, long q) {
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector twoQ = LongVector.broadcast(LONGS, 2 * q);
        LongVector sumFactor = LongVector.broadcast(LONGS, scale);
        DoubleVector sumFactorOverQ = DoubleVector.broadcast(DOUBLES, scaleOverQ);
        LongVector differenceFactor = LongVector.broadcast(LONGS, scaledRoot);
        DoubleVector differenceFactorOverQ = DoubleVector.broadcast(DOUBLES, scaledRootOverQ);
        for (int j = 0; j < t; j += LONGS.length()) {
            LongVector x = LongVector.fromArray(LONGS, a, j);
            LongVector y = LongVector.fromArray(LONGS, a, j + t);
            multiply(x.add(y), sumFactor, sumFactorOverQ, modulus).intoArray(a, j);
            multiply(x.sub(y).add(twoQ), differenceFactor, differenceFactorOverQ, modulus).intoArray(a, j + t);
        }
    }

    /** y w mod q in [0, q), lane by lane, for y in [0, 4q), w in [0, q), q below 2^49 (see the class comment). */
    private static LongVector multiply(LongVector y, LongVector w, DoubleVector wOverQ, LongVector q) {
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        LongVector twoTo52Bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector yAsDouble = y.or(twoTo52Bits).reinterpretAsDoubles().sub(twoTo52);
        LongVector quotient = yAsDouble.fma(wOverQ, twoTo52).reinterpretAsLongs().sub(twoTo52Bits);
        LongVector r = y.mul(w).sub(quotient.mul(q));
        return r.add(r.lanewise(VectorOperators.ASHR, 63).and(q));
    }

    /** x in [0, 4q) to [0, 2q). */
    private static LongVector belowTwoQ(LongVector x, LongVector twoQ) {
        LongVector d = x.sub(twoQ);
        return d.add(d.lanewise(VectorOperators.ASHR, 63).and(twoQ));
    }
}
