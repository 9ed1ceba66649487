package org.cyberhealth.he.ring;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Coefficient-wise products of residues eight at a time on the Vector API: key switching's inner products
 * ({@link LazyInnerProduct}), a ciphertext product's tensor ({@link Ring#tensor}) and the scaled difference
 * of a division by a prime ({@link Ring#subtractAndScaleRow}). As in {@link VectorNtt},
 * the quotient comes from doubles and the remainder from wrapping 64-bit products: for x, y in [0, q), q below
 * 2^49, c = round(fl(x y) / q) (the product rounded once, then the fused multiply-add by fl(1/q) rounding to
 * an integer) is within 0.63 of x y / q, so x y - c q is the remainder centred in (-q, q). Centred remainders
 * are summed as they are, a few at a time, and the sum is reduced once into [0, q) the same way. Only loaded
 * where {@link VectorSupport} allows.
 */
final class VectorProducts {

    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);
    /** Centred remainders summed before a reduction: with the reduced sum before them, below 7 q < 2^52 once shifted up by 3q. */
    private static final int TERMS_PER_REDUCTION = 3;

    private VectorProducts() {}

    /**
     * {@link LazyInnerProduct#pair}'s sums: out0 = sum_j xs[j] ys0[j], out1 = sum_j xs[j] ys1[j] mod q, inputs
     * in [0, q), outputs in [0, q); one pass, each x loaded and converted once, written out without helpers.
     */
    static void pair(long q, long[][] xs, long[][] ys0, long[][] ys1, int terms, long[] out0, long[] out1) {
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector shift = LongVector.broadcast(LONGS, TERMS_PER_REDUCTION * q);
        DoubleVector inverse = DoubleVector.broadcast(DOUBLES, 1.0 / q);
        LongVector bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        for (int k = 0; k < out0.length; k += LONGS.length()) {
            LongVector sum0 = LongVector.zero(LONGS);
            LongVector sum1 = LongVector.zero(LONGS);
            for (int j = 0; j < terms; ) {
                int end = Math.min(terms, j + TERMS_PER_REDUCTION);
                for (; j < end; j++) {
                    LongVector x = LongVector.fromArray(LONGS, xs[j], k);
                    LongVector y0 = LongVector.fromArray(LONGS, ys0[j], k);
                    LongVector y1 = LongVector.fromArray(LONGS, ys1[j], k);
                    DoubleVector xd = x.or(bits).reinterpretAsDoubles().sub(twoTo52);
                    DoubleVector y0d = y0.or(bits).reinterpretAsDoubles().sub(twoTo52);
                    DoubleVector y1d = y1.or(bits).reinterpretAsDoubles().sub(twoTo52);
                    // x y - c q with c = round(x y / q): the centred remainders (see the class comment).
                    sum0 = sum0.add(x.mul(y0).sub(xd.mul(y0d).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus)));
                    sum1 = sum1.add(x.mul(y1).sub(xd.mul(y1d).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus)));
                }
                // Shifted into [0, 7q), below 2^52: the rounded quotient leaves a remainder in (-q, q), made non-negative.
                LongVector shifted0 = sum0.add(shift);
                LongVector r0 = shifted0.sub(shifted0.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
                sum0 = r0.add(r0.lanewise(VectorOperators.ASHR, 63).and(modulus));
                LongVector shifted1 = sum1.add(shift);
                LongVector r1 = shifted1.sub(shifted1.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
                sum1 = r1.add(r1.lanewise(VectorOperators.ASHR, 63).and(modulus));
            }
            sum0.intoArray(out0, k);
            sum1.intoArray(out1, k);
        }
    }

    /**
     * {@link Ring#tensor} for one prime: o0 = x0 y0, o1 = x0 y1 + x1 y0, o2 = x1 y1 mod q, inputs in [0, q),
     * outputs in [0, q); one pass, written out without helpers (see {@link VectorNtt} on why).
     */
    static void tensor(long q, long[] x0, long[] x1, long[] y0, long[] y1, long[] o0, long[] o1, long[] o2) {
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector twoQ = LongVector.broadcast(LONGS, 2 * q);
        DoubleVector inverse = DoubleVector.broadcast(DOUBLES, 1.0 / q);
        LongVector bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        for (int k = 0; k < o0.length; k += LONGS.length()) {
            LongVector u0 = LongVector.fromArray(LONGS, x0, k);
            LongVector u1 = LongVector.fromArray(LONGS, x1, k);
            LongVector v0 = LongVector.fromArray(LONGS, y0, k);
            LongVector v1 = LongVector.fromArray(LONGS, y1, k);
            DoubleVector u0d = u0.or(bits).reinterpretAsDoubles().sub(twoTo52);
            DoubleVector u1d = u1.or(bits).reinterpretAsDoubles().sub(twoTo52);
            DoubleVector v0d = v0.or(bits).reinterpretAsDoubles().sub(twoTo52);
            DoubleVector v1d = v1.or(bits).reinterpretAsDoubles().sub(twoTo52);
            // Centred remainders (see the class comment), made non-negative or, for the middle sum, reduced once.
            LongVector p0 = u0.mul(v0).sub(u0d.mul(v0d).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
            LongVector p2 = u1.mul(v1).sub(u1d.mul(v1d).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
            LongVector p01 = u0.mul(v1).sub(u0d.mul(v1d).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
            LongVector p10 = u1.mul(v0).sub(u1d.mul(v0d).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
            p0.add(p0.lanewise(VectorOperators.ASHR, 63).and(modulus)).intoArray(o0, k);
            p2.add(p2.lanewise(VectorOperators.ASHR, 63).and(modulus)).intoArray(o2, k);
            LongVector middle = p01.add(p10).add(twoQ);
            LongVector r = middle.sub(middle.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(inverse, twoTo52).reinterpretAsLongs().sub(bits).mul(modulus));
            r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus)).intoArray(o1, k);
        }
    }

    /** {@link Ring#subtractAndScaleRow} for one prime: row = (minuend - row) factor (+ addend) mod q, all in [0, q). */
    static void subtractAndScale(long q, long[] minuend, long[] row, long factor, long[] addend) {
        LongVector modulus = LongVector.broadcast(LONGS, q);
        LongVector scale = LongVector.broadcast(LONGS, factor);
        DoubleVector scaleOverQ = DoubleVector.broadcast(DOUBLES, (double) factor / q);
        LongVector bits = LongVector.broadcast(LONGS, TWO_52_BITS);
        DoubleVector twoTo52 = DoubleVector.broadcast(DOUBLES, 0x1p52);
        for (int k = 0; k < row.length; k += LONGS.length()) {
            LongVector difference = LongVector.fromArray(LONGS, minuend, k).sub(LongVector.fromArray(LONGS, row, k)).add(modulus);
            // A constant factor: its ratio to q is known, and the product's quotient is rounded as in VectorNtt.
            LongVector quotient = difference.or(bits).reinterpretAsDoubles().sub(twoTo52).fma(scaleOverQ, twoTo52).reinterpretAsLongs().sub(bits);
            LongVector r = difference.mul(scale).sub(quotient.mul(modulus));
            r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
            if (addend != null) {
                r = r.add(LongVector.fromArray(LONGS, addend, k)).sub(modulus);
                r = r.add(r.lanewise(VectorOperators.ASHR, 63).and(modulus));
            }
            r.intoArray(row, k);
        }
    }
}
