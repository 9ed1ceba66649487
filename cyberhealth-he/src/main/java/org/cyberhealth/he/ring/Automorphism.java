package org.cyberhealth.he.ring;

/**
 * The ring automorphism X -> X^g (g odd modulo 2N) on polynomials in NTT form, where it is a permutation
 * of the evaluations: position p holds a(psi^(2 rev(p) + 1)) ({@link NttTables#forward}), and
 * a(X^g) at psi^e is a at psi^(g e). CKKS rotates slots with g = 5^r and conjugates with g = 2N - 1.
 */
public final class Automorphism {

    private final int galoisElement;
    private final int[] source;

    public Automorphism(int degree, int galoisElement) {
        if ((galoisElement & 1) == 0 || galoisElement <= 0 || galoisElement >= 2 * degree) {
            throw new IllegalArgumentException("a Galois element is odd and below 2N, got " + galoisElement);
        }
        this.galoisElement = galoisElement;
        int log = Integer.numberOfTrailingZeros(degree);
        long twoN = 2L * degree;
        source = new int[degree];
        for (int p = 0; p < degree; p++) {
            long exponent = 2L * (Integer.reverse(p) >>> (32 - log)) + 1;
            long image = exponent * galoisElement % twoN;
            source[p] = Integer.reverse((int) ((image - 1) / 2)) >>> (32 - log);
        }
    }

    public int galoisElement() {
        return galoisElement;
    }

    /** The image of {@code p} (NTT form) as a new polynomial. */
    public RnsPoly apply(RnsPoly p) {
        if (!p.isNtt()) {
            throw new IllegalArgumentException("the automorphism is applied in NTT form");
        }
        RnsPoly image = new RnsPoly(p.primes(), p.degree(), true);
        for (int i = 0; i < p.primes(); i++) {
            long[] in = p.row(i);
            long[] out = image.row(i);
            for (int k = 0; k < out.length; k++) {
                out[k] = in[source[k]];
            }
        }
        return image;
    }
}
