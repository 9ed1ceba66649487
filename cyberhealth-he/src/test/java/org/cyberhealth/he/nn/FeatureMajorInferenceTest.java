package org.cyberhealth.he.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.CkksSetup;
import org.cyberhealth.he.ckks.PolynomialEvaluator;
import org.junit.jupiter.api.Test;

class FeatureMajorInferenceTest {

    @Test
    void aFullBatchOneSamplePerSlotMatchesThePlainNetworkWithoutAnyRotationKey() {
        Random random = new Random(12);
        HeModel model = new HeModel(List.of(
                new Layer.Affine(EncryptedInferenceTest.matrix(random, 5, 7), EncryptedInferenceTest.vector(random, 5)),
                new Layer.Polynomial(5, new double[] {0, 1, 0.1}),
                new Layer.Affine(EncryptedInferenceTest.matrix(random, 2, 5), EncryptedInferenceTest.vector(random, 2))));
        CkksParameters parameters = CkksParameters.forDepth(EncryptedInference.levels(model));
        assertThat(parameters.slots()).isEqualTo(4096);
        CkksSetup keys = CkksSetup.of(parameters, 13);
        FeatureMajorInference server = new FeatureMajorInference(model, parameters, keys.evaluator(),
                new PolynomialEvaluator(parameters, keys.encoder(), keys.evaluator(), keys.relinearisationKey()));
        double[][] samples = new double[parameters.slots()][7];
        for (double[] sample : samples) {
            for (int i = 0; i < 7; i++) {
                sample[i] = 2 * random.nextDouble() - 1;
            }
        }
        List<Ciphertext> features = new ArrayList<>();
        for (double[] column : FeatureMajorInference.columns(samples, 7, parameters.slots())) {
            features.add(keys.encrypt(column));
        }
        List<Ciphertext> outputs = server.evaluate(features);
        assertThat(outputs).hasSize(2);
        double worst = 0;
        double[][] decrypted = {keys.decrypt(outputs.get(0)), keys.decrypt(outputs.get(1))};
        for (int s = 0; s < samples.length; s++) {
            double[] expected = model.predict(samples[s]);
            for (int o = 0; o < 2; o++) {
                worst = Math.max(worst, Math.abs(decrypted[o][s] - expected[o]));
            }
        }
        // 4096 samples at once, scale 2^36 (N = 8192, 3 levels): within 1e-4 of the plain network.
        assertThat(worst).isLessThan(1e-4);
    }
}
