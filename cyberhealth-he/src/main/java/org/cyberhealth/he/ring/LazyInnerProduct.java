package org.cyberhealth.he.ring;

/**
 * Coefficient-wise inner products sum_j x_j[k] y_j[k] mod q with one reduction per coefficient instead of
 * one per term: the products of residues (below 2^122) are summed exactly in 128 bits (two words, the carry
 * from the low word into the high one), and the sum is reduced every {@value #TERMS_PER_REDUCTION} terms,
 * which keeps it below q 2^64 as {@link Modulus#reduce(long, long)} needs. This is the delayed reduction
 * of key switching's digit-times-key sums (as in SEAL's and Lattigo's key switching).
 */
public final class LazyInnerProduct {

    /** 8 products of residues below q < 2^61 stay below 8 q^2 < q 2^64. */
    static final int TERMS_PER_REDUCTION = 8;

    private LazyInnerProduct() {}

    /**
     * out0[k] = sum_j xs[j][k] ys0[j][k] and out1[k] = sum_j xs[j][k] ys1[j][k] mod q, for j below
     * {@code terms}: two products sharing their left factors (a key switch's two key components); every
     * input in [0, q), outputs in [0, q).
     */
    public static void pair(Modulus modulus, long[][] xs, long[][] ys0, long[][] ys1, int terms, long[] out0, long[] out1) {
        int n = out0.length;
        for (int k = 0; k < n; k++) {
            long high0 = 0;
            long low0 = 0;
            long high1 = 0;
            long low1 = 0;
            for (int j = 0; j < terms; j++) {
                if (j > 0 && j % TERMS_PER_REDUCTION == 0) {
                    low0 = modulus.reduce(high0, low0);
                    high0 = 0;
                    low1 = modulus.reduce(high1, low1);
                    high1 = 0;
                }
                long x = xs[j][k];
                long y0 = ys0[j][k];
                long y1 = ys1[j][k];
                long product0 = x * y0;
                long sum0 = low0 + product0;
                high0 += Math.multiplyHigh(x, y0) + (Long.compareUnsigned(sum0, product0) < 0 ? 1 : 0);
                low0 = sum0;
                long product1 = x * y1;
                long sum1 = low1 + product1;
                high1 += Math.multiplyHigh(x, y1) + (Long.compareUnsigned(sum1, product1) < 0 ? 1 : 0);
                low1 = sum1;
            }
            out0[k] = modulus.reduce(high0, low0);
            out1[k] = modulus.reduce(high1, low1);
        }
    }
}
