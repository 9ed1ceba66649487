package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** assess evasion end to end on the committed reference model, and its refusals of bad input. */
class AssessCommandTest {

    private static final String MODEL = "../models/pneumonia-cnn.json";
    private static final String DATA = "../samples/ml/ml/pneumoniamnist.npz";

    @TempDir
    Path dir;

    @Test
    void pgdOnTwentyImagesReportsAccuraciesAndStaysWithinItsBudget() throws Exception {
        CliRun run = CliRun.of("assess", "evasion", "--model", MODEL, "--data", DATA, "--attack", "pgd", "--eps", "8/255",
                "--steps", "10", "--samples", "20", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("samples").asInt()).isEqualTo(20);
        assertThat(r.path("eps").asDouble()).isEqualTo(8 / 255.0);
        assertThat(r.path("cleanAccuracy").asDouble()).isGreaterThan(0.6);
        assertThat(r.path("robustAccuracy").asDouble()).isLessThan(r.path("cleanAccuracy").asDouble());
        assertThat(r.path("maxLinf").asDouble()).isLessThanOrEqualTo(8 / 255.0 + 1e-6);
    }

    @Test
    void textOutputNamesTheAttackAndTheAccuracies() {
        CliRun run = CliRun.of("assess", "evasion", "--model", MODEL, "--data", DATA, "--attack", "fgsm", "--norm", "l2", "--eps", "0.5",
                "--samples", "10");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("FGSM l2 eps 0.5000 on 10 test images").contains("clean accuracy").contains("robust accuracy");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--attack;cw;unknown attack 'cw' (fgsm, pgd)",
        "--norm;l1;unknown norm 'l1' (linf, l2)",
        "--eps;-0.1;--eps must be a finite number >= 0",
        "--eps;8/x;--eps '8/x' is not a number",
        "--split;dev;--split takes train, val or test",
        "--steps;0;--steps must be 1 to 10000"})
    void badOptionsExitTwoWithOneClearLine(String option, String value, String message) {
        CliRun run = CliRun.of("assess", "evasion", "--model", MODEL, "--data", DATA, option, value);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains(message);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void missingModelOrDataExitTwo() {
        CliRun noModel = CliRun.of("assess", "evasion", "--model", dir.resolve("none.json").toString(), "--data", DATA);
        assertThat(noModel.exitCode()).isEqualTo(2);
        assertThat(noModel.err()).contains("no model").hasLineCount(1);
        CliRun noData = CliRun.of("assess", "evasion", "--model", MODEL, "--data", dir.resolve("none.npz").toString());
        assertThat(noData.exitCode()).isEqualTo(2);
        assertThat(noData.err()).contains("no such file").hasLineCount(1);
    }
}
