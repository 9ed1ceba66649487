package org.cyberhealth.he.ring;

/**
 * Coefficient-wise inner products sum_j x_j[k] y_j[k] mod q with one reduction per coefficient instead of
 * one per term: the products of residues (below 2^122) are summed exactly in 128 bits (two words, the carry
 * from the low word into the high one), and the sum is reduced every {@value #TERMS_PER_REDUCTION} terms,
 * which keeps it below q 2^64 as {@link Modulus#reduce(long, long)} needs. This is the delayed reduction
 * of key switching's digit-times-key sums (as in SEAL's and Lattigo's key switching). Where the Vector API
 * may run ({@link VectorSupport}), {@link VectorProducts} computes the same sums eight coefficients at a time.
 * An instance holds the high words' rows, reused from one call to the next: one per key switch, not shared
 * between threads.
 */
public final class LazyInnerProduct {

    /** 8 products of residues below q < 2^61 stay below 8 q^2 < q 2^64. */
    static final int TERMS_PER_REDUCTION = 8;

    private final long[] high0;
    private final long[] high1;

    /** For rows of {@code degree} coefficients. */
    public LazyInnerProduct(int degree) {
        high0 = new long[degree];
        high1 = new long[degree];
    }

    /**
     * out0[k] = sum_j xs[j][k] ys0[j][k] and out1[k] = sum_j xs[j][k] ys1[j][k] mod q, for j below
     * {@code terms}: two products sharing their left factors (a key switch's two key components); every
     * input in [0, q), outputs in [0, q). The sums run term by term over whole rows (long loops the compiler
     * unrolls; a loop over a handful of terms per coefficient spent more on its own overhead than on the
     * products), two terms per pass, the low words accumulating in the outputs and the high words beside them.
     */
    public void pair(Modulus modulus, long[][] xs, long[][] ys0, long[][] ys1, int terms, long[] out0, long[] out1) {
        int n = out0.length;
        if (VectorSupport.usable(modulus, n)) {
            VectorProducts.pair(modulus.value(), xs, ys0, ys1, terms, out0, out1);
            return;
        }
        java.util.Arrays.fill(high0, 0);
        java.util.Arrays.fill(high1, 0);
        java.util.Arrays.fill(out0, 0);
        java.util.Arrays.fill(out1, 0);
        int sinceReduction = 0;
        for (int j = 0; j < terms; ) {
            int step = Math.min(2, terms - j);
            if (sinceReduction + step > TERMS_PER_REDUCTION) {
                fold(modulus, high0, out0);
                fold(modulus, high1, out1);
                // The reduced sum counts as one more term: below q < q^2.
                sinceReduction = 1;
            }
            if (step == 2) {
                accumulateTwo(xs[j], xs[j + 1], ys0[j], ys0[j + 1], high0, out0);
                accumulateTwo(xs[j], xs[j + 1], ys1[j], ys1[j + 1], high1, out1);
            } else {
                accumulateOne(xs[j], ys0[j], high0, out0);
                accumulateOne(xs[j], ys1[j], high1, out1);
            }
            j += step;
            sinceReduction += step;
        }
        if (sinceReduction <= modulus.narrowTerms()) {
            for (int k = 0; k < n; k++) {
                out0[k] = modulus.reduceNarrow(high0[k], out0[k]);
                out1[k] = modulus.reduceNarrow(high1[k], out1[k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                out0[k] = modulus.reduce(high0[k], out0[k]);
                out1[k] = modulus.reduce(high1[k], out1[k]);
            }
        }
    }

    /** (high, low) += xa ya + xb yb, coefficient-wise, in 128 bits. */
    private static void accumulateTwo(long[] xa, long[] xb, long[] ya, long[] yb, long[] high, long[] low) {
        for (int k = 0; k < low.length; k++) {
            long pa = xa[k] * ya[k];
            long pb = xb[k] * yb[k];
            long sa = low[k] + pa;
            long sb = sa + pb;
            high[k] += Math.multiplyHigh(xa[k], ya[k]) + Math.multiplyHigh(xb[k], yb[k]) + carry(sa, pa) + carry(sb, pb);
            low[k] = sb;
        }
    }

    /** (high, low) += x y, coefficient-wise, in 128 bits. */
    private static void accumulateOne(long[] x, long[] y, long[] high, long[] low) {
        for (int k = 0; k < low.length; k++) {
            long p = x[k] * y[k];
            long s = low[k] + p;
            high[k] += Math.multiplyHigh(x[k], y[k]) + carry(s, p);
            low[k] = s;
        }
    }

    /** The carry out of the unsigned sum s = a + addend: set when s wrapped below the addend. */
    private static long carry(long s, long addend) {
        // Unsigned comparison as a signed one of the words with their top bits flipped (Long.compareUnsigned
        // compiled to a three-way compare here).
        return (s ^ Long.MIN_VALUE) < (addend ^ Long.MIN_VALUE) ? 1 : 0;
    }

    /** (high, low) reduced into low, high cleared. */
    private static void fold(Modulus modulus, long[] high, long[] low) {
        for (int k = 0; k < low.length; k++) {
            low[k] = modulus.reduce(high[k], low[k]);
            high[k] = 0;
        }
    }
}
