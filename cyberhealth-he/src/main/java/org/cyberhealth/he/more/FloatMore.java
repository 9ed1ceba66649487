package org.cyberhealth.he.more;

import java.util.random.RandomGenerator;

/**
 * MORE ("matrix operation for randomization or encryption", Kipnis and Hibshoosh, IACR ePrint 2012/637)
 * over floating-point numbers, as Vizitiu et al. use it for neural networks on medical data ("Applying
 * deep neural networks over homomorphic encrypted medical data", Comput. Math. Methods Med. 2020): a value
 * x is encrypted as C = A^-1 diag(s, x) A with a secret invertible 2x2 matrix A and a fresh random s.
 * Ciphertexts under one key form a commutative algebra, so sums, products, scalings and constants act on
 * x (and on s) directly, and decryption reads entry (2, 2) of A C A^-1.
 *
 * <p><b>Insecure.</b> Every ciphertext under a key has the same eigenvectors (the columns of A^-1): one
 * known plaintext reveals every other ({@link KnownPlaintextAttack}), and from ciphertexts alone the two
 * eigen-projections give all plaintexts up to which of the two is the message ({@link EigenvectorAttack}).
 * Here only as the fast baseline the papers measured, and to demonstrate those attacks.
 */
public final class FloatMore {

    /** The secret: A and its inverse. {@link #toString()} shows nothing. */
    public static final class Key {
        final double[] a;
        final double[] inverse;

        Key(double[] a) {
            this.a = a.clone();
            double det = a[0] * a[3] - a[1] * a[2];
            inverse = new double[] {a[3] / det, -a[1] / det, -a[2] / det, a[0] / det};
        }

        @Override
        public String toString() {
            return "FloatMore.Key[hidden]";
        }
    }

    private final RandomGenerator random;
    private final double noiseRange;

    /** @param noiseRange the random component s is uniform in [-noiseRange, noiseRange] */
    public FloatMore(RandomGenerator random, double noiseRange) {
        this.random = random;
        this.noiseRange = noiseRange;
    }

    /** A key with entries uniform in [-1, 1], redrawn until well conditioned (condition number below 10). */
    public Key newKey() {
        while (true) {
            double[] a = {2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1, 2 * random.nextDouble() - 1};
            if (Matrices.conditionNumber(a) < 10) {
                return new Key(a);
            }
        }
    }

    public Matrix2 encrypt(Key key, double x) {
        double s = noiseRange * (2 * random.nextDouble() - 1);
        return new Matrix2(Matrices.multiply(Matrices.multiply(key.inverse, new double[] {s, 0, 0, x}), key.a));
    }

    public double decrypt(Key key, Matrix2 c) {
        return Matrices.multiply(Matrices.multiply(key.a, c.entries()), key.inverse)[3];
    }
}
