package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** assess defence end to end on 20 images and few steps (seconds), and its refusals of bad input. */
class AssessDefenceCommandTest {

    private static final String MODEL = "../models/pneumonia-cnn.json";
    private static final String DATA = "../samples/ml/ml/pneumoniamnist.npz";

    @Test
    void jpegReportsNaiveAndAdaptiveAccuracyAsJson() throws Exception {
        CliRun run = CliRun.of("assess", "defence", "--model", MODEL, "--data", DATA, "--defence", "jpeg", "--eps", "2/255,8/255", "--steps", "5",
                "--samples", "20", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("settings").asText()).isEqualTo("JPEG quality 75");
        assertThat(r.path("results")).hasSize(2);
        JsonNode last = r.path("results").get(1);
        assertThat(last.path("eps").asDouble()).isEqualTo(8 / 255.0);
        assertThat(last.path("defendedAdaptiveRobustAccuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(last.path("defendedNaiveRobustAccuracy").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void adversarialTrainingAndSmoothingPrintText() {
        CliRun trained = CliRun.of("assess", "defence", "--model", MODEL, "--data", DATA, "--defence", "adversarial-training", "--defended-model",
                "../models/pneumonia-cnn-adv.json", "--steps", "5", "--samples", "20");
        assertThat(trained.exitCode()).as(trained.err()).isEqualTo(0);
        assertThat(trained.out()).contains("adversarial training (pneumonia-cnn-adv)").contains("adversarially trained");
        CliRun smoothing = CliRun.of("assess", "defence", "--model", MODEL, "--data", DATA, "--defence", "smoothing", "--defended-model",
                "../models/pneumonia-cnn-noise.json", "--samples", "10", "--n0", "20", "--n", "100");
        assertThat(smoothing.exitCode()).as(smoothing.err()).isEqualTo(0);
        assertThat(smoothing.out()).contains("certified at L2 radius 0.25").contains("abstained");
    }

    @Test
    void benchAssessWritesTheDefencesSectionAndChart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path out = dir.resolve("b.md");
        CliRun run = CliRun.of("bench", "assess", "--sections", "defences", "--samples", "4", "--model", MODEL, "--data", DATA, "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(java.nio.file.Files.readString(out)).contains("bench:assess-defences:begin").contains("| JPEG quality 75 | PGD-50, BPDA |")
                .contains("| certified accuracy |");
        assertThat(java.nio.file.Files.readString(dir.resolve("assess-defences.svg"))).contains("<svg").contains("squeezing, BPDA");
    }

    @Test
    void dpSgdAndRoundingMeasureMembershipAndExtraction() throws Exception {
        CliRun dp = CliRun.of("assess", "defence", "--model", MODEL, "--data", DATA, "--defence", "dp-sgd", "--population", "40", "--epochs", "2",
                "--epsilon", "8", "--json");
        assertThat(dp.exitCode()).as(dp.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(dp.out());
        assertThat(r.path("epsilon").asDouble()).isBetween(7.9, 8.0);
        assertThat(r.path("results")).hasSize(2);
        assertThat(r.path("results").get(1).path("auc").asDouble()).isBetween(0.0, 1.0);
        CliRun rounding = CliRun.of("assess", "defence", "--model", MODEL, "--data", DATA, "--defence", "rounding", "--decimals", "1", "--population",
                "40", "--epochs", "2", "--queries", "150", "--copy-epochs", "1");
        assertThat(rounding.exitCode()).as(rounding.err()).isEqualTo(0);
        assertThat(rounding.out()).contains("rounded to 1 decimal").contains("(the label is kept)").contains("jacobian").contains("knockoff");
    }

    @Test
    void theDetectorReportsNaiveAndAdaptiveRates() throws Exception {
        CliRun run = CliRun.of("assess", "defence", "--model", MODEL, "--data", DATA, "--defence", "detector", "--samples", "20", "--steps", "5",
                "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("results")).hasSize(2);
        assertThat(r.path("results").get(1).path("attack").asText()).isEqualTo("adaptive");
        assertThat(r.path("results").get(0).path("detectionRate").asDouble()).isBetween(0.0, 1.0);
    }

    @ParameterizedTest
    @CsvSource({"detector, --fpr, 0, --fpr must be", "dp-sgd, --epsilon, 0, --epsilon must be", "dp-sgd, --shadows, 3, --shadows must be",
        "rounding, --decimals, 9, decimals must be", "top-k, --k, 0, k must be", "labels-only, --queries, 0, --queries must be"})
    void badPrivacyOptionsExitTwo(String defence, String option, String value, String message) {
        CliRun run = CliRun.of("assess", "defence", "--model", MODEL, "--data", DATA, "--defence", defence, option, value);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }

    @ParameterizedTest
    @CsvSource({"--defence, distillation, unknown defence", "--eps, -1, --eps must be", "--quality, 0, JPEG quality", "--bits, 0, bits must be",
        "--steps, 0, --steps must be", "--attack, cw, unknown attack", "--model, no-such-model, no model"})
    void badOptionsExitTwo(String option, String value, String message) {
        String[] args = option.equals("--model") ? new String[] {"assess", "defence", "--defence", "jpeg", "--model", value}
                : new String[] {"assess", "defence", "--model", MODEL, "--data", DATA, "--defence", option.equals("--bits") ? "squeeze" : "jpeg",
                    option, value};
        if (option.equals("--defence")) {
            args = new String[] {"assess", "defence", "--model", MODEL, "--defence", value};
        }
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }
}
