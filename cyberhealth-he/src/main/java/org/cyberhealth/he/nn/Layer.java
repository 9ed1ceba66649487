package org.cyberhealth.he.nn;

import org.cyberhealth.he.ckks.PolynomialEvaluator;

/** One step of an HE-friendly network: an affine map or a polynomial activation, slot by slot. */
public sealed interface Layer permits Layer.Affine, Layer.Polynomial {

    int inputSize();

    int outputSize();

    /** y = W x + b, W given as rows (output by input). Dense, convolution, pooling and flattening all become one. */
    record Affine(double[][] weights, double[] bias) implements Layer {
        public Affine {
            if (weights.length == 0 || weights[0].length == 0 || bias.length != weights.length) {
                throw new IllegalArgumentException("an affine layer needs a non-empty weight matrix and one bias per output");
            }
            for (double[] row : weights) {
                if (row.length != weights[0].length) {
                    throw new IllegalArgumentException("every weight row must have " + weights[0].length + " entries");
                }
            }
        }

        @Override
        public int inputSize() {
            return weights[0].length;
        }

        @Override
        public int outputSize() {
            return weights.length;
        }
    }

    /** p(x) = c_0 + c_1 x + ... applied to every value (x^2 is {0, 0, 1}). */
    record Polynomial(int size, double[] coefficients) implements Layer {
        public Polynomial {
            if (coefficients.length < 2 || coefficients.length > 9) {
                throw new IllegalArgumentException("an activation polynomial has degree 1 to 8");
            }
        }

        @Override
        public int inputSize() {
            return size;
        }

        @Override
        public int outputSize() {
            return size;
        }

        /** Degree exactly 2. */
        public boolean isQuadratic() {
            return degree() == 2;
        }

        /** x^2 and nothing else: one ciphertext product. */
        public boolean isSquare() {
            return PolynomialEvaluator.isBareSquare(coefficients);
        }

        private int degree() {
            int degree = coefficients.length - 1;
            while (degree > 0 && coefficients[degree] == 0) {
                degree--;
            }
            return degree;
        }

        double apply(double x) {
            double value = 0;
            for (int i = coefficients.length - 1; i >= 0; i--) {
                value = value * x + coefficients[i];
            }
            return value;
        }
    }
}
