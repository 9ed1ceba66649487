package org.cyberhealth.he.more;

/**
 * Ciphertext-only attack on floating-point MORE: any one ciphertext C = A^-1 diag(s, x) A (with s != x)
 * has the eigenvectors every other ciphertext under the key shares, the columns of A^-1. Projecting each
 * ciphertext on them gives, for every ciphertext, the pair (s, x) in a fixed order: two candidate
 * sequences, one of which is all the plaintexts. Which one is left to a glance (an image looks like one)
 * or to simple statistics: one bit for the whole data set.
 */
public final class EigenvectorAttack {

    private final double[] first;
    private final double[] second;

    public EigenvectorAttack(Matrix2 anyCiphertext) {
        double[] c = anyCiphertext.entries();
        double trace = c[0] + c[3];
        double det = c[0] * c[3] - c[1] * c[2];
        double root = Math.sqrt(Math.max(0, trace * trace / 4 - det));
        first = eigenvector(c, trace / 2 + root);
        second = eigenvector(c, trace / 2 - root);
    }

    private static double[] eigenvector(double[] c, double lambda) {
        double[] m = {c[0] - lambda, c[1], c[2], c[3] - lambda};
        boolean firstRow = Math.hypot(m[0], m[1]) >= Math.hypot(m[2], m[3]);
        return firstRow ? new double[] {-m[1], m[0]} : new double[] {-m[3], m[2]};
    }

    /** The two candidate plaintexts of a ciphertext: its eigenvalues on the two shared eigenvectors. */
    public double[] candidates(Matrix2 ciphertext) {
        return new double[] {project(ciphertext, first), project(ciphertext, second)};
    }

    /** The eigenvalue of {@code c} on eigenvector {@code v}, read on v's larger coordinate. */
    static double project(Matrix2 c, double[] v) {
        double[] e = c.entries();
        return Math.abs(v[0]) >= Math.abs(v[1]) ? (e[0] * v[0] + e[1] * v[1]) / v[0] : (e[2] * v[0] + e[3] * v[1]) / v[1];
    }
}
