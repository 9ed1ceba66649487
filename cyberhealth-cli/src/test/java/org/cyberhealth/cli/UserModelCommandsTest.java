package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.ClassifierFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assess commands on models that were not trained here: a TorchScript module (white box), its ONNX
 * export and a remote prediction endpoint (black box), as a hospital would bring them.
 */
class UserModelCommandsTest {

    private static final String TORCHSCRIPT = "../models/torch/pneumonia-torch.pt";
    private static final String ONNX = "../models/torch/pneumonia-torch.onnx";
    private static final String DATA = "../samples/ml/ml/pneumoniamnist.npz";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTorchScriptModuleIsAttackedWhiteBox() throws Exception {
        CliRun run = CliRun.of("assess", "evasion", "--model", TORCHSCRIPT, "--data", DATA, "--attack", "pgd", "--eps", "8/255",
                "--steps", "10", "--samples", "40", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = JSON.readTree(run.out());
        assertThat(r.path("cleanAccuracy").asDouble()).isGreaterThan(0.7);
        assertThat(r.path("robustAccuracy").asDouble()).isLessThan(r.path("cleanAccuracy").asDouble() - 0.3);
    }

    @Test
    void anOnnxModelIsRefusedForWhiteBoxAttacksButAttackedAndCopiedThroughQueries() throws Exception {
        CliRun whiteBox = CliRun.of("assess", "evasion", "--model", ONNX, "--data", DATA, "--samples", "10");
        assertThat(whiteBox.exitCode()).isEqualTo(2);
        assertThat(whiteBox.err()).contains("black-box model (onnx)");

        CliRun square = CliRun.of("assess", "evasion", "--model", ONNX, "--data", DATA, "--attack", "square", "--eps", "8/255",
                "--queries", "200", "--samples", "20", "--json");
        assertThat(square.exitCode()).as(square.err()).isEqualTo(0);
        JsonNode s = JSON.readTree(square.out());
        assertThat(s.path("gradientsPerImage").asDouble()).isZero();
        assertThat(s.path("robustAccuracy").asDouble()).isLessThan(s.path("cleanAccuracy").asDouble());

        CliRun copy = CliRun.of("assess", "extraction", "--model", ONNX, "--data", DATA, "--method", "jacobian", "--queries", "200",
                "--epochs", "2", "--json");
        assertThat(copy.exitCode()).as(copy.err()).isEqualTo(0);
        assertThat(JSON.readTree(copy.out()).path("queries").asInt()).isEqualTo(200);
    }

    @Test
    void aRemoteEndpointIsCopiedThroughItsAnswersOnly(@TempDir Path folder) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] imagesAsked = {0};
        try (Classifier model = ClassifierFile.read(Path.of(ONNX + ".json")).open()) {
            server.createContext("/predict", exchange -> {
                JsonNode inputs = JSON.readTree(exchange.getRequestBody()).path("inputs");
                float[][] batch = new float[inputs.size()][];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = new float[inputs.get(i).size()];
                    for (int p = 0; p < batch[i].length; p++) {
                        batch[i][p] = (float) inputs.get(i).get(p).asDouble();
                    }
                }
                imagesAsked[0] += batch.length;
                byte[] body = JSON.writeValueAsBytes(java.util.Map.of("labels", model.predictLabels(batch)));
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            String descriptor = Files.readString(Path.of(ONNX + ".json"), StandardCharsets.UTF_8).replace("\"onnx\" : \"pneumonia-torch.onnx\"",
                    "\"endpoint\" : \"http://127.0.0.1:" + server.getAddress().getPort() + "/predict\"");
            Path remote = Files.writeString(folder.resolve("remote.json"), descriptor);

            CliRun copy = CliRun.of("assess", "extraction", "--model", remote.toString(), "--data", DATA, "--method", "jacobian",
                    "--queries", "150", "--epochs", "2", "--json");
            assertThat(copy.exitCode()).as(copy.err()).isEqualTo(0);
            JsonNode r = JSON.readTree(copy.out());
            assertThat(r.path("queries").asInt()).isEqualTo(150);
            // The service also labelled the 468 test images for the fidelity score: every query went over HTTP.
            assertThat(imagesAsked[0]).isEqualTo(150 + 468);
            assertThat(r.path("fidelity").asDouble()).isGreaterThan(0.5);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTorchScriptSegmenterIsAttackedWhiteBox() throws Exception {
        CliRun run = CliRun.of("assess", "segmentation", "--model", "../models/torch/abdomen-seg-torch.pt", "--attack", "untargeted",
                "--eps", "8/255", "--steps", "5", "--samples", "2", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = JSON.readTree(run.out());
        assertThat(r.toString()).contains("abdomen-seg-torch");
    }

    @Test
    void aModelFileWithoutItsDescriptorIsRefusedWithWhatToWrite(@TempDir Path folder) throws Exception {
        Path bare = Files.copy(Path.of(TORCHSCRIPT), folder.resolve("bare.pt"));
        CliRun run = CliRun.of("assess", "evasion", "--model", bare.toString(), "--data", DATA);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bare.pt.json").contains("input shape");
    }
}
