package org.cyberhealth.he.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.nn.HeModel;
import org.cyberhealth.he.nn.HeModelFile;
import org.cyberhealth.he.nn.Layer;
import org.junit.jupiter.api.Test;

class RemoteInferenceTest {

    @Test
    void aClientGetsEncryptedPredictionsFromAServerThatNeverSeesItsKey() throws Exception {
        Random random = new Random(3);
        double[][] w1 = new double[4][6];
        double[][] w2 = new double[2][4];
        for (double[] row : w1) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextGaussian() / 3;
            }
        }
        for (double[] row : w2) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextGaussian() / 2;
            }
        }
        HeModel model = new HeModel(List.of(new Layer.Affine(w1, new double[4]), new Layer.Polynomial(4, new double[] {0, 0, 1}),
                new Layer.Affine(w2, new double[] {0.5, -0.5})));
        double[] mean = {10, 20, 30, 40, 50, 60};
        double[] scale = {2, 4, 6, 8, 10, 12};
        HeModelFile.Described described = new HeModelFile.Described("toy", model, mean, scale, List.of("a", "b"));
        CkksParameters parameters = CkksParameters.generate(13, 45, 4, 30, new int[] {45});
        SecureRandom secure = SecureRandom.getInstance("SHA1PRNG");
        secure.setSeed(4);
        try (InferenceServer server = new InferenceServer(described, parameters, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            URI address = URI.create("http://127.0.0.1:" + server.port());
            RemoteInference client = new RemoteInference(address, secure);
            assertThat(client.outputs()).containsExactly("a", "b");
            double[][] raw = new double[client.batchCapacity() + 44][6];
            for (double[] sample : raw) {
                for (int i = 0; i < 6; i++) {
                    sample[i] = mean[i] + scale[i] * (2 * random.nextDouble() - 1);
                }
            }
            double[][] predictions = client.predict(raw);
            double worst = 0;
            for (int s = 0; s < raw.length; s++) {
                double[] expected = model.predict(described.standardise(raw[s]));
                for (int o = 0; o < 2; o++) {
                    worst = Math.max(worst, Math.abs(predictions[s][o] - expected[o]));
                }
            }
            assertThat(worst).isLessThan(1e-2);
            assertThat(client.traffic().bytesSent()).isGreaterThan(0);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(address.resolve("/v1/sessions/nope/predict"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("no session nope");
            HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(address.resolve("/v1/sessions"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 99, 1})).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(garbage.statusCode()).isEqualTo(400);
            assertThat(garbage.body()).contains("malformed request");
        }
        assertThatThrownBy(() -> new RemoteInference(URI.create("http://127.0.0.1:1"), secure)).hasMessageContaining("cannot reach");
    }
}
