package org.cyberhealth.he.ckks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Random;
import org.cyberhealth.he.ring.Ring;
import org.junit.jupiter.api.Test;

class PolynomialEvaluatorTest {

    @Test
    void polynomialsOfDegreeOneToFiveMatchTheirPlainValues() throws Exception {
        CkksParameters parameters = CkksParameters.generate(14, 60, 5, 40, new int[] {60});
        Ring ring = parameters.ring();
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(5);
        Sampler sampler = new Sampler(ring, random);
        KeyGenerator generator = new KeyGenerator(parameters, ring, sampler);
        SecretKey secret = generator.secretKey();
        Encoder encoder = new Encoder(parameters, ring);
        Encryptor encryptor = new Encryptor(ring, generator.publicKey(secret), sampler);
        Decryptor decryptor = new Decryptor(ring, secret);
        Evaluator evaluator = new Evaluator(parameters, ring);
        PolynomialEvaluator polynomials = new PolynomialEvaluator(parameters, encoder, evaluator, generator.relinearisationKey(secret));
        Random values = new Random(6);
        double[] v = new double[parameters.slots()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * values.nextDouble() - 1;
        }
        Ciphertext x = encryptor.encrypt(encoder.encode(v, parameters.maxLevel(), parameters.scale()));
        double[][] cases = {{0.5, 2}, {0.1, 0.5, 0.25}, {0, 1, 0, -0.2}, {0.3, -0.1, 0.2, 0.05, -0.3}, {0, 0, 0, 0, 0, 1}};
        for (double[] p : cases) {
            int degree = p.length - 1;
            Ciphertext y = polynomials.evaluate(x, p);
            assertThat(y.level()).isEqualTo(parameters.maxLevel() - PolynomialEvaluator.depth(degree));
            double[] got = encoder.decode(decryptor.decrypt(y))[0];
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
