package org.cyberhealth.ml.train;

/**
 * One layer of an HE-friendly network, described without any framework: only what CKKS can evaluate
 * (affine maps and polynomials). Images flow as channels x height x width, flattened in that order.
 */
public sealed interface LayerSpec {

    /** A fully connected layer with {@code units} outputs. */
    record Dense(int units) implements LayerSpec {}

    /** p(x) = c_0 + c_1 x + c_2 x^2 + ... on every value; {0, 0, 1} is the square of CryptoNets. */
    record Polynomial(double... coefficients) implements LayerSpec {

        /** The coefficients themselves (a record prints an array's identity, and the model file records this text). */
        @Override
        public String toString() {
            return "Polynomial[coefficients=" + java.util.Arrays.toString(coefficients) + "]";
        }
    }

    /** A 2-D convolution without padding: {@code filters} square kernels of side {@code kernel}. */
    record Conv2d(int filters, int kernel, int stride) implements LayerSpec {}

    /** The mean over square windows of side {@code size}, moved by {@code stride}. */
    record AvgPool2d(int size, int stride) implements LayerSpec {}

    /** Images to vectors (channel, then row, then column). */
    record Flatten() implements LayerSpec {}
}
