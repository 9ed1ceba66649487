package org.cyberhealth.he.ckks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.cyberhealth.he.ckks.PolynomialEvaluator.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paterson-Stockmeyer on ciphertexts: against the plain polynomial, its planned levels and products. */
class PatersonStockmeyerTest {

    static CkksParameters parameters;
    static CkksSetup setup;
    static PolynomialEvaluator polynomials;
    static double[] v;
    static Ciphertext x;

    @BeforeAll
    static void keys() {
        parameters = CkksParameters.generate(14, 60, 7, 40, new int[] {60});
        setup = CkksSetup.of(parameters, 8);
        polynomials = new PolynomialEvaluator(parameters, setup.encoder(), setup.evaluator(), setup.relinearisationKey());
        Random values = new Random(9);
        v = new double[parameters.slots()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * values.nextDouble() - 1;
        }
        x = setup.encrypt(v);
    }

    @Test
    void randomPolynomialsMatchTheirPlainValuesInThePlannedLevelsAndProducts() {
        Random random = new Random(10);
        for (int degree : new int[] {8, 15, 16, 27, 31}) {
            double[] p = new double[degree + 1];
            for (int i = 0; i <= degree; i++) {
                p[i] = 2 * random.nextDouble() - 1;
            }
            long before = polynomials.ciphertextProducts();
            Ciphertext y = polynomials.evaluate(x, p);
            long products = polynomials.ciphertextProducts() - before;
            assertThat(products).as("degree %d", degree).isEqualTo(PolynomialEvaluator.products(degree, Method.PATERSON_STOCKMEYER))
                    .isLessThan(degree - 1);
            assertThat(y.level()).as("degree %d", degree).isEqualTo(parameters.maxLevel() - PolynomialEvaluator.depth(degree));
            assertThat(y.scale()).isEqualTo(parameters.scale());
            // Coefficients in [-1, 1] on [-1, 1], values up to d + 1: measured 2^-21.3 (d = 8) to 2^-16.9 (d = 27).
            assertThat(largestError(y, p)).as("degree %d", degree).isLessThan(Math.scalb(1.0, -15));
        }
    }

    @Test
    void aDegree15SigmoidOnMinus8To8() {
        double[] p = sigmoidOnMinus8To8(15);
        long before = polynomials.ciphertextProducts();
        Ciphertext y = polynomials.evaluate(x, p);
        // The even coefficients are zero (sigmoid - 1/2 is odd): zeros skip terms and never add products (7 here).
        assertThat(polynomials.ciphertextProducts() - before).isLessThanOrEqualTo(PolynomialEvaluator.products(15, Method.PATERSON_STOCKMEYER));
        assertThat(y.level()).isEqualTo(parameters.maxLevel() - PolynomialEvaluator.depth(15));
        // Power-basis coefficients up to 254 (with cancellation) amplify the powers' noise: measured 2^-17.7.
        assertThat(largestError(y, p)).isLessThan(Math.scalb(1.0, -15));
        // And what the activation computes: within 1.4e-3 of the sigmoid on [-8, 8].
        for (int i = 0; i < 1000; i++) {
            double t = v[i];
            assertThat(Math.abs(horner(p, t) - 1 / (1 + Math.exp(-8 * t)))).isLessThan(2e-3);
        }
    }

    @Test
    void theTreeStillMakesDMinusOneProductsAndMatchesThePlainValues() {
        double[] p = new double[16];
        Random random = new Random(12);
        for (int i = 0; i < p.length; i++) {
            p[i] = 2 * random.nextDouble() - 1;
        }
        long before = polynomials.ciphertextProducts();
        Ciphertext tree = polynomials.evaluate(x, p, Method.POWER_TREE);
        assertThat(polynomials.ciphertextProducts() - before).isEqualTo(14);
        assertThat(tree.level()).isEqualTo(parameters.maxLevel() - PolynomialEvaluator.depth(15, Method.POWER_TREE));
        // Measured 2^-17.9, Paterson-Stockmeyer 2^-17.6 on the same degree.
        assertThat(largestError(tree, p)).isLessThan(Math.scalb(1.0, -15));
    }

    @Test
    void tooFewLevelsAreRefused() {
        double[] p = new double[28];
        p[27] = 1;
        Ciphertext low = setup.evaluator().dropToLevel(x, PolynomialEvaluator.depth(27) - 1);
        assertThatThrownBy(() -> polynomials.evaluate(low, p)).hasMessageContaining("degree 27 needs 5 levels, the ciphertext has 4");
    }

    /**
     * Chebyshev interpolation of sigmoid(8 t) on [-1, 1] (inputs x in [-8, 8] scaled by 1/8), turned into the
     * power basis by T_(n+1) = 2 t T_n - T_(n-1); the even coefficients above the constant are zero by symmetry.
     */
    static double[] sigmoidOnMinus8To8(int degree) {
        int nodes = degree + 1;
        double[] chebyshev = new double[nodes];
        for (int j = 0; j < nodes; j++) {
            double theta = Math.PI * (j + 0.5) / nodes;
            double f = 1 / (1 + Math.exp(-8 * Math.cos(theta)));
            for (int n = 0; n < nodes; n++) {
                chebyshev[n] += 2.0 / nodes * f * Math.cos(n * theta);
            }
        }
        chebyshev[0] /= 2;
        double[] power = new double[nodes];
        double[] previous = new double[nodes];
        double[] current = new double[nodes];
        previous[0] = 1;
        current[1] = 1;
        power[0] = chebyshev[0];
        for (int n = 1; n < nodes; n++) {
            for (int i = 0; i < nodes; i++) {
                power[i] += chebyshev[n] * current[i];
            }
            double[] next = new double[nodes];
            for (int i = 0; i < nodes; i++) {
                next[i] = (i > 0 ? 2 * current[i - 1] : 0) - previous[i];
            }
            previous = current;
            current = next;
        }
        for (int i = 2; i < nodes; i += 2) {
            power[i] = 0;
        }
        power[0] = 0.5;
        return power;
    }

    static double horner(double[] p, double t) {
        double y = 0;
        for (int i = p.length - 1; i >= 0; i--) {
            y = y * t + p[i];
        }
        return y;
    }

    static double largestError(Ciphertext y, double[] p) {
        double[] got = setup.decrypt(y);
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - horner(p, v[i])));
        }
        return worst;
    }
}
