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
        "--attack;zoo;unknown attack 'zoo' (fgsm, pgd, apgd, cw, square, hopskipjump)",
        "--queries;1;--queries must be 2 to 1000000",
        "--confidence;-1;--confidence must be a finite number >= 0",
        "--p-init;0;--p-init must be in (0, 1]",
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

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "square;l2;square has no l2 version (linf only)",
        "cw;linf;cw has no linf version (l2 only)",
        "hopskipjump;linf;hopskipjump has no linf version (l2 only)"})
    void anAttackWithoutTheChosenNormExitsTwo(String attack, String norm, String message) {
        CliRun run = CliRun.of("assess", "evasion", "--model", MODEL, "--data", DATA, "--attack", attack, "--norm", norm);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains(message).hasLineCount(1);
    }

    @Test
    void squareIsBlackBoxAndStaysWithinItsQueryBudget() throws Exception {
        CliRun run = CliRun.of("assess", "evasion", "--model", MODEL, "--data", DATA, "--attack", "square", "--eps", "8/255",
                "--queries", "100", "--samples", "20", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("gradientsPerImage").asDouble()).isZero();
        assertThat(r.path("queriesPerImage").asDouble()).isPositive().isLessThanOrEqualTo(100);
        assertThat(r.path("maxLinf").asDouble()).isLessThanOrEqualTo(8 / 255.0 + 1e-6);
        assertThat(r.path("robustAccuracy").asDouble()).isLessThan(r.path("cleanAccuracy").asDouble());
    }

    @Test
    void carliniWagnerDefaultsToL2AndReportsTheMedianSuccessfulPerturbation() {
        CliRun run = CliRun.of("assess", "evasion", "--model", MODEL, "--data", DATA, "--attack", "cw", "--steps", "20", "--search-steps", "2",
                "--samples", "10");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("C&W L2 kappa 0.00, 2 constants").contains("scored at eps 0.5000 on 10 test images")
                .contains("successful L2     median").contains("gradients per image");
    }

    @Test
    void benchAssessWritesTheAttacksSection() throws Exception {
        Path out = dir.resolve("b.md");
        CliRun run = CliRun.of("bench", "assess", "--sections", "attacks", "--samples", "4", "--model", MODEL, "--data", DATA, "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(java.nio.file.Files.readString(out)).contains("<!-- bench:assess-attacks:begin -->").contains("| APGD-CE-50 |")
                .contains("| Square-1000 |").contains("| C&W L2 (5 x 100 Adam steps) |").contains("| HopSkipJump-1000 (labels only) |");
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
