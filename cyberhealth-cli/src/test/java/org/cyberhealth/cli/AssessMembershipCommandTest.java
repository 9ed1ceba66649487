package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** assess membership end to end on a tiny game (40 images, 4 shadows, 2 epochs: a few seconds), and its refusals of bad input. */
class AssessMembershipCommandTest {

    private static final String DATA = "../samples/ml/ml/pneumoniamnist.npz";

    @TempDir
    Path dir;

    @Test
    void liraReportsTheRocFiguresAndWritesTheChart() throws Exception {
        Path svg = dir.resolve("roc.svg");
        CliRun run = CliRun.of("assess", "membership", "--model", "pneumonia-cnn", "--data", DATA, "--attack", "lira", "--shadows", "4",
                "--samples", "40", "--epochs", "2", "--roc", svg.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("attack").asText()).isEqualTo("LiRA online");
        assertThat(r.path("population").asInt()).isEqualTo(40);
        assertThat(r.path("members").asInt()).isEqualTo(20);
        assertThat(r.path("shadows").asInt()).isEqualTo(4);
        assertThat(r.path("auc").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.path("tprAt1%FPR").asDouble()).isBetween(0.0, 1.0);
        assertThat(Files.readString(svg)).startsWith("<svg").contains("<polyline").contains("LiRA online: AUC");
    }

    @Test
    void eachReferenceModelPlaysOnItsOwnData() throws Exception {
        // The breast-cancer table: 569 rows, not the X-rays of the default archive.
        CliRun table = CliRun.of("assess", "membership", "--model", "breast-cancer-mlp", "--attack", "loss", "--epochs", "5", "--json");
        assertThat(table.exitCode()).as(table.err()).isEqualTo(0);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(table.out()).path("population").asInt()).isEqualTo(569);
        CliRun breast = CliRun.of("assess", "membership", "--model", "breastmnist-cnn", "--attack", "loss", "--epochs", "2", "--json");
        assertThat(breast.exitCode()).as(breast.err()).isEqualTo(0);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(breast.out()).path("population").asInt()).isEqualTo(546 + 156);
    }

    @Test
    void theLossThresholdTrainsNoShadowAndPrintsText() {
        CliRun run = CliRun.of("assess", "membership", "--model", "pneumonia-cnn", "--data", DATA, "--attack", "loss", "--samples", "40",
                "--epochs", "2");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("loss threshold on pneumonia-cnn").contains("0 shadow models").contains("target accuracy")
                .contains("TPR at 0.1% FPR");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--attack;mia;unknown attack 'mia' (loss, shadow, lira)",
        "--shadows;5;--shadows must be even",
        "--shadows;2;--shadows must be even, 4 to 1024",
        "--epochs;0;--epochs must be 1 to 1000",
        "--samples;3;--samples must be at least 8"})
    void badOptionsExitTwoWithOneClearLine(String option, String value, String message) {
        CliRun run = CliRun.of("assess", "membership", "--model", "pneumonia-cnn", "--data", DATA, option, value);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains(message);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void offlineAppliesToLiraOnlyAndAMissingArchiveOrAnUnknownRecipeExitTwo() {
        CliRun offline = CliRun.of("assess", "membership", "--model", "pneumonia-cnn", "--data", DATA, "--attack", "loss", "--offline");
        assertThat(offline.exitCode()).isEqualTo(2);
        assertThat(offline.err()).contains("--offline applies to lira only");
        CliRun noData = CliRun.of("assess", "membership", "--model", "pneumonia-cnn", "--data", dir.resolve("none.npz").toString());
        CliRun unknown = CliRun.of("assess", "membership", "--model", "resnet", "--data", DATA);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("retrains the model from its recipe; known recipes: pneumonia-cnn").hasLineCount(1);
        assertThat(noData.exitCode()).isEqualTo(2);
        assertThat(noData.err()).contains("no such file").hasLineCount(1);
    }

    @Test
    void benchAssessRefusesBadMembershipOptionsBeforeTraining() {
        CliRun run = CliRun.of("bench", "assess", "--sections", "membership", "--shadows", "3", "--out", dir.resolve("b.md").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--shadows must be even");
        CliRun unknown = CliRun.of("bench", "assess", "--sections", "poisoning", "--out", dir.resolve("b.md").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--sections takes [attacks, defences, evasion, extraction, membership, privacy, segmentation]");
    }

    @Test
    void benchAssessWritesTheMembershipSectionAndChart() throws Exception {
        Path out = dir.resolve("b.md");
        CliRun run = CliRun.of("bench", "assess", "--sections", "membership", "--population", "40", "--shadows", "4", "--epochs", "2",
                "--data", DATA, "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(Files.readString(out)).contains("<!-- bench:assess-membership:begin -->").contains("| LiRA online | 4 |")
                .contains("| loss threshold | 0 |");
        assertThat(Files.readString(dir.resolve("assess-membership.svg"))).startsWith("<svg");
    }
}
