package org.cyberhealth.he.ckks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PolynomialEvaluatorTest {

    @Test
    void polynomialsOfDegreeOneToFiveMatchTheirPlainValues() {
        CkksParameters parameters = CkksParameters.generate(14, 60, 5, 40, new int[] {60});
        CkksSetup setup = CkksSetup.of(parameters, 5);
        Encoder encoder = setup.encoder();
        Evaluator evaluator = setup.evaluator();
        PolynomialEvaluator polynomials = new PolynomialEvaluator(parameters, encoder, evaluator, setup.relinearisationKey());
        Random values = new Random(6);
        double[] v = new double[parameters.slots()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * values.nextDouble() - 1;
        }
        Ciphertext x = setup.encrypt(v);
        double[][] cases = {{0.5, 2}, {0.1, 0.5, 0.25}, {0, 1, 0, -0.2}, {0.3, -0.1, 0.2, 0.05, -0.3}, {0, 0, 0, 0, 0, 1}};
        for (double[] p : cases) {
            int degree = p.length - 1;
            Ciphertext y = polynomials.evaluate(x, p);
            assertThat(y.level()).isEqualTo(parameters.maxLevel() - PolynomialEvaluator.depth(degree));
            double[] got = setup.decrypt(y);
            double worst = 0;
            for (int i = 0; i < v.length; i++) {
                double expected = 0;
                double power = 1;
                for (double c : p) {
                    expected += c * power;
                    power *= v[i];
                }
                worst = Math.max(worst, Math.abs(got[i] - expected));
            }
            assertThat(worst).as("degree %d", degree).isLessThan(Math.scalb(1.0, -16));
        }
        Ciphertext low = evaluator.dropToLevel(x, 2);
        assertThatThrownBy(() -> polynomials.evaluate(low, cases[3])).hasMessageContaining("needs 3 levels");
    }
}
