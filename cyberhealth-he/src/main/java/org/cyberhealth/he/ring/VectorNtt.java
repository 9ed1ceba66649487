package org.cyberhealth.he.ring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
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
 * which leaves the integer in the low bits of the double's encoding. The three stages whose butterflies are
 * closer than eight (the forward transform's last, the inverse's first) run inside each vector: the partners
 * are brought together by a lane permutation, both halves of the butterfly are computed on all lanes and a
 * mask keeps each lane's own. The kernels are written out with no helper methods taking vectors: a helper
 * the JIT does not inline, or a loop body it finds too large, falls back to boxed vectors, tens of times
 * slower. Loaded only where {@link VectorSupport} allows.
 */
final class VectorNtt {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;
    /** The encoding of 2^52: OR-ed onto an integer below 2^52 it gives the double 2^52 + that integer. */
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);
    /** Lane i's butterfly partner, i XOR t, for t = 4, 2, 1; and the lanes holding a butterfly's second element. */
    private static final VectorShuffle<Long> PARTNER_4 = VectorShuffle.fromValues(LONGS, 4, 5, 6, 7, 0, 1, 2, 3);
    private static final VectorShuffle<Long> PARTNER_2 = VectorShuffle.fromValues(LONGS, 2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Long> PARTNER_1 = VectorShuffle.fromValues(LONGS, 1, 0, 3, 2, 5, 4, 7, 6);
    private static final VectorMask<Long> SECOND_4 = VectorMask.fromValues(LONGS, false, false, false, false, true, true, true, true);
    private static final VectorMask<Long> SECOND_2 = VectorMask.fromValues(LONGS, false, false, true, true, false, false, true, true);
    private static final VectorMask<Long> SECOND_1 = VectorMask.fromValues(LONGS, false, true, false, true, false, true, false, true);
    /** Each block's twiddle onto its lanes, from a vector loaded at the vector's first block: blocks of 4 lanes, and of 2. */
    private static final VectorShuffle<Long> SPREAD_2 = VectorShuffle.fromValues(LONGS, 0, 0, 0, 0, 1, 1, 1, 1);
    private static final VectorShuffle<Long> SPREAD_1 = VectorShuffle.fromValues(LONGS, 0, 0, 1, 1, 2, 2, 3, 3);
    private static final VectorShuffle<Double> SPREAD_2_DOUBLES = VectorShuffle.fromValues(DOUBLES, 0, 0, 0, 0, 1, 1, 1, 1);
    private static final VectorShuffle<Double> SPREAD_1_DOUBLES = VectorShuffle.fromValues(DOUBLES, 0, 0, 1, 1, 2, 2, 3, 3);

    private VectorNtt() {}

    /** Whether this JVM runs eight 64-bit lanes in hardware (AVX-512); with fewer, 64-bit products are emulated and slower than scalar code. */
    static boolean hardware() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    }

    /**
     * One Cooley-Tukey stage: {@code blocks} blocks of 2t, twiddle {@code roots[blocks + i]} for block i (in
     * [0, q); {@code rootsOverQ} holds w / q), t a multiple of eight; inputs in [0, 4q) from {@code in}, outputs
     * in [0, 4q) into {@code out} (which may be {@code in}).
     */
    static void forwardStage(long[] in, long[] out, int blocks, int t, long[] roots, double[] rootsOverQ, long q) {
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector twoQ = LongVector.broadcast(LONGS, 2 * q);
        LongVector bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        for (int i = 0; i < blocks; i++) {
            LongVector twiddle = LongVector.broadcast(LONGS, roots[blocks + i]);
            DoubleVector twiddleOverQ = DoubleVector.broadcast(DOUBLES, rootsOverQ[blocks + i]);
            int start = 2 * i * t;
            int end = start + t;
            for (int j = start; j < end; j += LONGS.length()) {
                LongVector x = LongVector.fromArray(LONGS, in, j).sub(twoQ);
                x = x.add(x.lanewise(VectorOperators.ASHR, 63).and(twoQ));
                LongVector y = LongVector.fromArray(LONGS, in, j + t);
                LongVector r = y.mul(twiddle).sub(y.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(twiddleOverQ, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
                r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
                x.add(r).intoArray(out, j);
                x.sub(r).add(twoQ).intoArray(out, j + t);
            }
        }
    }

    /**
     * One Gentleman-Sande stage in place: {@code blocks} blocks of 2t, twiddle {@code inverseRoots[blocks + i]}
     * (in [0, q); {@code inverseRootsOverQ} over q), t a multiple of eight; inputs and outputs in [0, 2q).
     */
    static void inverseStage(long[] a, int blocks, int t, long[] inverseRoots, double[] inverseRootsOverQ, long q) {
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector twoQ = LongVector.broadcast(LONGS, 2 * q);
        LongVector bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        for (int i = 0; i < blocks; i++) {
            LongVector twiddle = LongVector.broadcast(LONGS, inverseRoots[blocks + i]);
            DoubleVector twiddleOverQ = DoubleVector.broadcast(DOUBLES, inverseRootsOverQ[blocks + i]);
            int start = 2 * i * t;
            int end = start + t;
            for (int j = start; j < end; j += LONGS.length()) {
                LongVector x = LongVector.fromArray(LONGS, a, j);
                LongVector y = LongVector.fromArray(LONGS, a, j + t);
                LongVector sum = x.add(y).sub(twoQ);
                sum.add(sum.lanewise(VectorOperators.ASHR, 63).and(twoQ)).intoArray(a, j);
                LongVector difference = x.sub(y).add(twoQ);
                LongVector r = difference.mul(twiddle).sub(difference.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(twiddleOverQ, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
                r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
                r.intoArray(a, j + t);
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
        LongVector bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        LongVector sumFactor = LongVector.broadcast(LONGS, scale);
        DoubleVector sumFactorOverQ = DoubleVector.broadcast(DOUBLES, scaleOverQ);
        LongVector differenceFactor = LongVector.broadcast(LONGS, scaledRoot);
        DoubleVector differenceFactorOverQ = DoubleVector.broadcast(DOUBLES, scaledRootOverQ);
        for (int j = 0; j < t; j += LONGS.length()) {
            LongVector x = LongVector.fromArray(LONGS, a, j);
            LongVector y = LongVector.fromArray(LONGS, a, j + t);
            LongVector sum = x.add(y);
            LongVector difference = x.sub(y).add(twoQ);
            LongVector r0 = sum.mul(sumFactor).sub(sum.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(sumFactorOverQ, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
            r0 = r0.add(r0.lanewise(VectorOperators.ASHR, 63).and(modulus));
            LongVector r1 = difference.mul(differenceFactor).sub(difference.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(differenceFactorOverQ, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
            r1 = r1.add(r1.lanewise(VectorOperators.ASHR, 63).and(modulus));
            r0.intoArray(a, j);
            r1.intoArray(a, j + t);
        }
    }

    /**
     * The last three Cooley-Tukey stages (t = 4, 2, 1) in place, inside each vector of eight, with the final
     * reduction: inputs in [0, 4q), outputs in [0, q). {@code roots} and {@code rootsOverQ} are padded by eight
     * beyond the degree. Each lane computes both halves of its butterfly from itself and its partner (brought
     * by a lane permutation) and a mask keeps its own. One pass per stage.
     */
    static void forwardLastStages(long[] a, long[] roots, double[] rootsOverQ, long q) {
        int n = a.length;
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector twoQ = LongVector.broadcast(LONGS, 2 * q);
        LongVector bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        for (int v4 = n / 8, k = 0; k < n; v4++, k += LONGS.length()) {
            LongVector v = LongVector.fromArray(LONGS, a, k);
            LongVector w = LongVector.broadcast(LONGS, roots[v4]);
            DoubleVector wOverQ = DoubleVector.broadcast(DOUBLES, rootsOverQ[v4]);
            LongVector swapped = v.rearrange(PARTNER_4);
            LongVector x = v.blend(swapped, SECOND_4).sub(twoQ);
            x = x.add(x.lanewise(VectorOperators.ASHR, 63).and(twoQ));
            LongVector y = swapped.blend(v, SECOND_4);
            LongVector quotient = y.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(wOverQ, twoTo52).reinterpretAsLongs().sub(bits);
            LongVector r = y.mul(w).sub(quotient.mul(modulus));
            r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
            x.add(r.blend(twoQ.sub(r), SECOND_4)).intoArray(a, k);
        }
        for (int v2 = n / 4, k = 0; k < n; v2 += 2, k += LONGS.length()) {
            LongVector v = LongVector.fromArray(LONGS, a, k);
            LongVector w = LongVector.fromArray(LONGS, roots, v2).rearrange(SPREAD_2);
            DoubleVector wOverQ = DoubleVector.fromArray(DOUBLES, rootsOverQ, v2).rearrange(SPREAD_2_DOUBLES);
            LongVector swapped = v.rearrange(PARTNER_2);
            LongVector x = v.blend(swapped, SECOND_2).sub(twoQ);
            x = x.add(x.lanewise(VectorOperators.ASHR, 63).and(twoQ));
            LongVector y = swapped.blend(v, SECOND_2);
            LongVector quotient = y.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(wOverQ, twoTo52).reinterpretAsLongs().sub(bits);
            LongVector r = y.mul(w).sub(quotient.mul(modulus));
            r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
            x.add(r.blend(twoQ.sub(r), SECOND_2)).intoArray(a, k);
        }
        for (int v1 = n / 2, k = 0; k < n; v1 += 4, k += LONGS.length()) {
            LongVector v = LongVector.fromArray(LONGS, a, k);
            LongVector w = LongVector.fromArray(LONGS, roots, v1).rearrange(SPREAD_1);
            DoubleVector wOverQ = DoubleVector.fromArray(DOUBLES, rootsOverQ, v1).rearrange(SPREAD_1_DOUBLES);
            LongVector swapped = v.rearrange(PARTNER_1);
            LongVector x = v.blend(swapped, SECOND_1).sub(twoQ);
            x = x.add(x.lanewise(VectorOperators.ASHR, 63).and(twoQ));
            LongVector y = swapped.blend(v, SECOND_1);
            LongVector quotient = y.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(wOverQ, twoTo52).reinterpretAsLongs().sub(bits);
            LongVector r = y.mul(w).sub(quotient.mul(modulus));
            r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
            // Then [0, 4q) to [0, q): two masked subtractions.
            LongVector z = x.add(r.blend(twoQ.sub(r), SECOND_1)).sub(twoQ);
            z = z.add(z.lanewise(VectorOperators.ASHR, 63).and(twoQ)).sub(modulus);
            z.add(z.lanewise(VectorOperators.ASHR, 63).and(modulus)).intoArray(a, k);
        }
    }

    /**
     * The first three Gentleman-Sande stages (t = 1, 2, 4), inside each vector of eight, from {@code in} to
     * {@code out} (which may be {@code in}); inputs and outputs in [0, 2q); twiddles padded and code shaped as
     * in {@link #forwardLastStages}.
     */
    static void inverseFirstStages(long[] in, long[] out, long[] inverseRoots, double[] inverseRootsOverQ, long q) {
        int n = in.length;
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector twoQ = LongVector.broadcast(LONGS, 2 * q);
        LongVector bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        for (int v1 = n / 2, k = 0; k < n; v1 += 4, k += LONGS.length()) {
            LongVector v = LongVector.fromArray(LONGS, in, k);
            LongVector w = LongVector.fromArray(LONGS, inverseRoots, v1).rearrange(SPREAD_1);
            DoubleVector wOverQ = DoubleVector.fromArray(DOUBLES, inverseRootsOverQ, v1).rearrange(SPREAD_1_DOUBLES);
            LongVector swapped = v.rearrange(PARTNER_1);
            LongVector x = v.blend(swapped, SECOND_1);
            LongVector y = swapped.blend(v, SECOND_1);
            LongVector sum = x.add(y).sub(twoQ);
            sum = sum.add(sum.lanewise(VectorOperators.ASHR, 63).and(twoQ));
            LongVector difference = x.sub(y).add(twoQ);
            LongVector quotient = difference.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(wOverQ, twoTo52).reinterpretAsLongs().sub(bits);
            LongVector r = difference.mul(w).sub(quotient.mul(modulus));
            r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
            sum.blend(r, SECOND_1).intoArray(out, k);
        }
        for (int v2 = n / 4, k = 0; k < n; v2 += 2, k += LONGS.length()) {
            LongVector v = LongVector.fromArray(LONGS, out, k);
            LongVector w = LongVector.fromArray(LONGS, inverseRoots, v2).rearrange(SPREAD_2);
            DoubleVector wOverQ = DoubleVector.fromArray(DOUBLES, inverseRootsOverQ, v2).rearrange(SPREAD_2_DOUBLES);
            LongVector swapped = v.rearrange(PARTNER_2);
            LongVector x = v.blend(swapped, SECOND_2);
            LongVector y = swapped.blend(v, SECOND_2);
            LongVector sum = x.add(y).sub(twoQ);
            sum = sum.add(sum.lanewise(VectorOperators.ASHR, 63).and(twoQ));
            LongVector difference = x.sub(y).add(twoQ);
            LongVector quotient = difference.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(wOverQ, twoTo52).reinterpretAsLongs().sub(bits);
            LongVector r = difference.mul(w).sub(quotient.mul(modulus));
            r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
            sum.blend(r, SECOND_2).intoArray(out, k);
        }
        for (int v4 = n / 8, k = 0; k < n; v4++, k += LONGS.length()) {
            LongVector v = LongVector.fromArray(LONGS, out, k);
            LongVector w = LongVector.broadcast(LONGS, inverseRoots[v4]);
            DoubleVector wOverQ = DoubleVector.broadcast(DOUBLES, inverseRootsOverQ[v4]);
            LongVector swapped = v.rearrange(PARTNER_4);
            LongVector x = v.blend(swapped, SECOND_4);
            LongVector y = swapped.blend(v, SECOND_4);
            LongVector sum = x.add(y).sub(twoQ);
            sum = sum.add(sum.lanewise(VectorOperators.ASHR, 63).and(twoQ));
            LongVector difference = x.sub(y).add(twoQ);
            LongVector quotient = difference.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(wOverQ, twoTo52).reinterpretAsLongs().sub(bits);
            LongVector r = difference.mul(w).sub(quotient.mul(modulus));
            r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
            sum.blend(r, SECOND_4).intoArray(out, k);
        }
    }
}
