package org.cyberhealth.he.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.cyberhealth.he.more.FloatMore;
import org.cyberhealth.he.more.Matrix2;
import org.cyberhealth.he.more.ModularMore;
import org.junit.jupiter.api.Test;

class MoreInferenceTest {

    private static HeModel network(Random random) {
        return new HeModel(List.of(
                new Layer.Affine(EncryptedInferenceTest.matrix(random, 6, 8), EncryptedInferenceTest.vector(random, 6)),
                new Layer.Polynomial(6, new double[] {0, 1, 0.1}),
                new Layer.Affine(EncryptedInferenceTest.matrix(random, 2, 6), EncryptedInferenceTest.vector(random, 2))));
    }

    @Test
    void floatingPointMoreComputesTheNetworkToRoundingError() {
        Random random = new Random(5);
        HeModel model = network(random);
        FloatMore more = new FloatMore(new SplittableRandom(6), 1.0);
        FloatMore.Key key = more.newKey();
        for (int trial = 0; trial < 50; trial++) {
            double[] x = random.doubles(8, -2, 2).toArray();
            List<Matrix2> encrypted = new ArrayList<>();
            for (double v : x) {
                encrypted.add(more.encrypt(key, v));
            }
            List<Matrix2> out = MoreInference.evaluate(model, encrypted, MoreInference.floating());
            double[] expected = model.predict(x);
            for (int o = 0; o < expected.length; o++) {
                assertThat(more.decrypt(key, out.get(o))).isCloseTo(expected[o], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void modularMoreWithFixedPointMatchesTheNetworkToTheRoundingOfItsWeights() {
        Random random = new Random(7);
        HeModel model = network(random);
        ModularMore more = new ModularMore(new SecureRandom());
        ModularMore.Key key = more.newKey(512);
        BigInteger n = key.modulus();
        int bits = 24;
        for (int trial = 0; trial < 10; trial++) {
            double[] x = random.doubles(8, -2, 2).toArray();
            List<MoreInference.Fixed> encrypted = new ArrayList<>();
            for (double v : x) {
                encrypted.add(new MoreInference.Fixed(more.encrypt(key, MoreInference.fixed(v, bits)), bits));
            }
            List<MoreInference.Fixed> out = MoreInference.evaluate(model, encrypted, MoreInference.modular(n, bits));
            double[] expected = model.predict(x);
            for (int o = 0; o < expected.length; o++) {
                double actual = MoreInference.real(more.decrypt(key, out.get(o).matrix()), n, out.get(o).bits());
                // Weights and inputs rounded to 2^-24: errors of a few 2^-24 per term.
                assertThat(actual).isCloseTo(expected[o], org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
