package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cyberhealth.he.nn.HeModelFile;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.train.UseCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml train end to end, and the contract between the two modules: the model file that ml writes, read by
 * the HE side (convolution lowered to a matrix), scores exactly what PyTorch scored.
 */
class MlCommandTest {

    private static final Path DATA = Path.of("../samples/ml");

    @TempDir
    Path dir;

    @Test
    void aCnnExportedByMlScoresTheSameWhenTheHeSideReadsIt() throws Exception {
        Path out = dir.resolve("pneumonia.he.json");
        CliRun run = CliRun.of("ml", "train", "--use-case", "pneumonia", "--epochs", "1", "--data", DATA.toString(), "--out", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode result = new ObjectMapper().readTree(run.out());
        double torchAccuracy = result.path("accuracy").asDouble();
        HeModelFile.Described model = HeModelFile.read(out);
        Dataset test = UseCase.PNEUMONIA.data(DATA).test();
        int right = 0;
        int close = 0;
        for (int i = 0; i < test.size(); i++) {
            double[] y = model.model().predict(model.standardise(test.features()[i]));
            right += (y[1] > y[0] ? 1 : 0) == (int) test.targets()[i] ? 1 : 0;
            close += Math.abs(y[1] - y[0]) < 1e-4 ? 1 : 0;
        }
        // PyTorch computes in float32, the model file in double: only a near-tie could flip.
        assertThat(Math.abs((double) right / test.size() - torchAccuracy)).isLessThanOrEqualTo((double) close / test.size() + 1e-12);
        assertThat(torchAccuracy).isGreaterThan(0.6);
    }

    @Test
    void theReferenceCnnTrainsWritesItsWeightsBesideTheDescriptorAndAssessReadsIt() throws Exception {
        Path out = dir.resolve("cnn.json");
        CliRun run = CliRun.of("ml", "train", "--use-case", "pneumonia-cnn", "--epochs", "1", "--data", DATA.toString(), "--out", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(run.out()).path("accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(dir.resolve("cnn.params")).exists();
        CliRun again = CliRun.of("ml", "train", "--use-case", "pneumonia-cnn", "--epochs", "1", "--data", DATA.toString(), "--out", out.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists (use --force");
        CliRun attack = CliRun.of("assess", "evasion", "--model", out.toString(), "--data", DATA.resolve("ml/pneumoniamnist.npz").toString(),
                "--attack", "fgsm", "--samples", "10");
        assertThat(attack.exitCode()).as(attack.err()).isEqualTo(0);
    }

    @Test
    void theAdversarialRecipeTrainsOnPgdExamplesAndSaysSoInItsDescriptor() throws Exception {
        Path out = dir.resolve("adv.json");
        CliRun run = CliRun.of("ml", "train", "--use-case", "pneumonia-cnn-adv", "--epochs", "1", "--data", DATA.toString(), "--out", out.toString(),
                "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(run.out()).path("accuracy").asDouble()).isGreaterThan(0.6);
        assertThat(new ObjectMapper().readTree(out.toFile()).path("training").path("recipe").asText())
                .endsWith("trained on PGD L-inf examples, eps 8/255, 7 steps");
    }

    @Test
    void badUseCaseOrExistingOutputIsRefusedAndNothingIsWritten() throws Exception {
        Path out = dir.resolve("m.json");
        CliRun unknown = CliRun.of("ml", "train", "--use-case", "cats", "--out", out.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown use case 'cats'");
        Files.writeString(out, "keep");
        CliRun exists = CliRun.of("ml", "train", "--use-case", "diabetes", "--data", DATA.toString(), "--out", out.toString());
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(Files.readString(out)).isEqualTo("keep");
        CliRun noData = CliRun.of("ml", "train", "--use-case", "diabetes", "--data", dir.resolve("none").toString(), "--out", dir.resolve("x.json").toString());
        assertThat(noData.exitCode()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("x.json"))).isFalse();
    }
}
