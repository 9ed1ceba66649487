package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The remote endpoint protocol against a loopback server: answers are read, split batches rejoined, bad replies refused. */
class RemoteClassifierTest {

    private static final InputSpec INPUT = new InputSpec(1, 2, 2, 0f, 1f, new float[] {0.5f}, new float[] {0.5f});
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Integer> requestSizes = new ArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A service whose probability of class 1 is the image's first pixel: easy to check. */
    private static String firstPixelService(JsonNode inputs) {
        StringBuilder reply = new StringBuilder("{\"probabilities\": [");
        for (int i = 0; i < inputs.size(); i++) {
            double p = inputs.get(i).get(0).asDouble();
            reply.append(i == 0 ? "" : ",").append('[').append(1 - p).append(',').append(p).append(']');
        }
        return reply.append("]}").toString();
    }

    @Test
    void probabilitiesComeBackInOrderAcrossSplitBatches() throws IOException {
        RemoteClassifier remote = serve(200, RemoteClassifierTest::firstPixelService);
        int n = RemoteClassifier.MAX_BATCH * 2 + 5;
        float[][] batch = new float[n][4];
        for (int i = 0; i < n; i++) {
            batch[i][0] = (float) i / n;
        }
        float[][] p = remote.predict(batch);
        for (int i = 0; i < n; i++) {
            assertThat(p[i][1]).isCloseTo((float) i / n, offset(1e-6f));
        }
        assertThat(requestSizes).containsExactly(RemoteClassifier.MAX_BATCH, RemoteClassifier.MAX_BATCH, 5);
    }

    @Test
    void aLabelOnlyServiceGivesOneHotRowsAndRoundedScoresAreRenormalised() throws IOException {
        RemoteClassifier labels = serve(200, inputs -> "{\"labels\": [1, 0]}");
        assertThat(labels.predict(new float[2][4])).isDeepEqualTo(new float[][] {{0, 1}, {1, 0}});
        stop();
        RemoteClassifier rounded = serve(200, inputs -> "{\"probabilities\": [[0.33, 0.66]]}");
        assertThat(rounded.predict(new float[1][4])[0][1]).isCloseTo(0.66f / 0.99f, offset(1e-6f));
    }

    @Test
    void badRepliesAreRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> serve(500, inputs -> "{}").predict(new float[1][4])).isInstanceOf(BadInputException.class)
                .hasMessageContaining("answered HTTP 500");
        stop();
        assertThatThrownBy(() -> serve(200, inputs -> "{\"probabilities\": [[0.5, 0.5]]}").predict(new float[2][4]))
                .isInstanceOf(BadInputException.class).hasMessageContaining("for each of the 2 images");
        stop();
        assertThatThrownBy(() -> serve(200, inputs -> "{\"probabilities\": [[0.9, 0.9]]}").predict(new float[1][4]))
                .isInstanceOf(BadInputException.class).hasMessageContaining("sum to 1.8");
        stop();
        assertThatThrownBy(() -> serve(200, inputs -> "{\"probabilities\": [[-0.1, 1.1]]}").predict(new float[1][4]))
                .isInstanceOf(BadInputException.class).hasMessageContaining("outside [0, 1]");
        stop();
        assertThatThrownBy(() -> serve(200, inputs -> "{\"labels\": [2]}").predict(new float[1][4]))
                .isInstanceOf(BadInputException.class).hasMessageContaining("label outside 0..1");
        stop();
        assertThatThrownBy(() -> serve(200, inputs -> "x".repeat(17 << 20)).predict(new float[1][4]))
                .isInstanceOf(BadInputException.class).hasMessageContaining("more than 16 MiB");
        assertThatThrownBy(() -> new RemoteClassifier(URI.create("file:///etc/passwd"), INPUT, List.of("a", "b"), Duration.ofSeconds(1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("http or https");
    }

    private RemoteClassifier serve(int status, Function<JsonNode, String> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/predict", exchange -> {
            JsonNode inputs = JSON.readTree(exchange.getRequestBody()).path("inputs");
            synchronized (requestSizes) {
                requestSizes.add(inputs.size());
            }
            byte[] body = answer.apply(inputs).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/predict");
        return new RemoteClassifier(endpoint, INPUT, List.of("a", "b"), Duration.ofSeconds(10));
    }
}
