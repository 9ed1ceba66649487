package org.cyberhealth.he.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.CkksSetup;
import org.junit.jupiter.api.Test;

class EncryptedInferenceTest {

    static double[][] matrix(Random random, int rows, int columns) {
        double[][] w = new double[rows][columns];
        for (double[] row : w) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian() / Math.sqrt(columns);
            }
        }
        return w;
    }

    static double[] vector(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian() * 0.1;
        }
        return v;
    }

    @Test
    void aBatchOfSamplesThroughTwoLayersAndASquareMatchesThePlainNetwork() {
        Random random = new Random(8);
        HeModel model = new HeModel(List.of(
                new Layer.Affine(matrix(random, 5, 7), vector(random, 5)),
                new Layer.Polynomial(5, new double[] {0.1, 0.5, 0.25}),
                new Layer.Affine(matrix(random, 2, 5), vector(random, 2))));
        CkksParameters parameters = CkksParameters.generate(14, 60, 4, 40, new int[] {60});
        InferenceSetup inference = InferenceSetup.of(model, parameters, 9, EncryptedInference.rotations(model, parameters.slots()));
        InferenceClient client = inference.client();
        EncryptedInference server = inference.server();
        // The quadratic between two affine maps is folded into a bare square: 3 levels, not 4.
        assertThat(EncryptedInference.levels(model)).isEqualTo(3);
        assertThat(client.batchCapacity()).isEqualTo(512);
        double[][] samples = new double[client.batchCapacity()][];
        for (int b = 0; b < samples.length; b++) {
            samples[b] = new double[7];
            for (int i = 0; i < 7; i++) {
                samples[b][i] = 2 * random.nextDouble() - 1;
            }
        }
        Ciphertext result = server.evaluate(client.encrypt(samples));
        double[][] predictions = client.decrypt(result, samples.length);
        double worst = 0;
        for (int b = 0; b < samples.length; b++) {
            double[] expected = model.predict(samples[b]);
            for (int o = 0; o < expected.length; o++) {
                worst = Math.max(worst, Math.abs(predictions[b][o] - expected[o]));
            }
        }
        // Scale 2^40: the encrypted network agrees with the plain one to about 2.6e-6 on 512 samples at once.
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void aBreastCancerShapedNetworkNeedsAboutTwoSqrtNRotationKeys() {
        Random random = new Random(10);
        HeModel model = new HeModel(List.of(
                new Layer.Affine(matrix(random, 8, 30), vector(random, 8)),
                new Layer.Polynomial(8, new double[] {0, 0, 1}),
                new Layer.Affine(matrix(random, 2, 8), vector(random, 2))));
        CkksParameters parameters = CkksParameters.generate(13, 45, 4, 30, new int[] {45});
        int[] rotations = EncryptedInference.rotations(model, parameters.slots());
        assertThat(rotations).containsExactly(-32, 1, 2, 3, 4, 5, 6, 7, 8, 16, 24);
        InferenceSetup inference = InferenceSetup.of(model, parameters, 11, rotations);
        InferenceClient client = inference.client();
        EncryptedInference server = inference.server();
        double[][] samples = new double[client.batchCapacity()][30];
        for (double[] sample : samples) {
            for (int i = 0; i < 30; i++) {
                sample[i] = random.nextGaussian();
            }
        }
        double[][] predictions = client.decrypt(server.evaluate(client.encrypt(samples)), samples.length);
        double worst = 0;
        for (int b = 0; b < samples.length; b++) {
            double[] expected = model.predict(samples[b]);
            for (int o = 0; o < 2; o++) {
                worst = Math.max(worst, Math.abs(predictions[b][o] - expected[o]));
            }
        }
        // Scale 2^30 in this small parameter set.
        assertThat(worst).isLessThan(5e-3);
    }

    /** A client and a server sharing one key set (the server holds only its public part). */
    record InferenceSetup(InferenceClient client, EncryptedInference server) {
        static InferenceSetup of(HeModel model, CkksParameters parameters, long seed, int[] rotations) {
            CkksSetup keys = CkksSetup.of(parameters, seed);
            return new InferenceSetup(new InferenceClient(model, parameters, keys.encoder(), keys.encryptor(), keys.decryptor()),
                    new EncryptedInference(model, parameters, keys.encoder(), keys.evaluator(), keys.relinearisationKey(),
                            keys.galoisKeys(rotations, false)));
        }
    }
}
