package org.cyberhealth.he.more;

/**
 * Breaks MORE with one known plaintext-ciphertext pair (x, C): C - x I = A^-1 diag(s - x, 0) A has rank one,
 * and its kernel is the message eigenvector v, shared by every ciphertext under the key (they all commute:
 * Tsaban and Lifshitz, "Cryptanalysis of the MORE symmetric key fully homomorphic encryption scheme",
 * J. Math. Cryptol. 2015). Any other ciphertext C' then gives its plaintext as (C' v)_i / v_i, no key needed.
 */
public final class KnownPlaintextAttack {

    private final double[] eigenvector;

    public KnownPlaintextAttack(double knownPlaintext, Matrix2 knownCiphertext) {
        double[] m = knownCiphertext.plusConstant(-knownPlaintext).entries();
        // The kernel of a rank-one 2x2 matrix: orthogonal to its larger row.
        boolean firstRow = Math.hypot(m[0], m[1]) >= Math.hypot(m[2], m[3]);
        eigenvector = firstRow ? new double[] {-m[1], m[0]} : new double[] {-m[3], m[2]};
    }

    /** The plaintext of any ciphertext under the same key. */
    public double decrypt(Matrix2 ciphertext) {
        return EigenvectorAttack.project(ciphertext, eigenvector);
    }
}
