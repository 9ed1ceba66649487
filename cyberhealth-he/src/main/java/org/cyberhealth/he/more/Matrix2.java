package org.cyberhealth.he.more;

/** A 2x2 real matrix, row-major (m11, m12, m21, m22): a MORE ciphertext, and its homomorphic operations. */
public record Matrix2(double[] entries) {

    public Matrix2 {
        if (entries.length != 4) {
            throw new IllegalArgumentException("a 2x2 matrix has 4 entries");
        }
        entries = entries.clone();
    }

    public Matrix2 plus(Matrix2 other) {
        double[] e = entries();
        double[] o = other.entries();
        return new Matrix2(new double[] {e[0] + o[0], e[1] + o[1], e[2] + o[2], e[3] + o[3]});
    }

    public Matrix2 times(Matrix2 other) {
        return new Matrix2(Matrices.multiply(entries(), other.entries()));
    }

    public Matrix2 scaled(double factor) {
        double[] e = entries();
        return new Matrix2(new double[] {factor * e[0], factor * e[1], factor * e[2], factor * e[3]});
    }

    /** The encryption of x + c: adding c times the identity. */
    public Matrix2 plusConstant(double c) {
        double[] e = entries();
        return new Matrix2(new double[] {e[0] + c, e[1], e[2], e[3] + c});
    }
}
