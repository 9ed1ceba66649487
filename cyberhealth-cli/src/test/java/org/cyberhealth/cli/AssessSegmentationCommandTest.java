package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** assess segmentation end to end on the reference U-Net (a few seconds), ml train --use-case abdomen-unet, and bad input. */
class AssessSegmentationCommandTest {

    private static final String MODEL = "../models/abdomen-unet.json";
    private static final String DATA = "../samples/segmentation";

    @Test
    void eraseReportsDicePerOrganAndTheTargetSuccessAsJson() throws Exception {
        CliRun run = CliRun.of("assess", "segmentation", "--model", MODEL, "--data", DATA, "--attack", "erase", "--organ", "spleen",
                "--eps", "16/255", "--steps", "5", "--samples", "3", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("attack").asText()).isEqualTo("erase");
        assertThat(r.path("samples").asInt()).isEqualTo(3);
        assertThat(r.path("eps").asDouble()).isEqualTo(16 / 255.0, Offset.offset(1e-12));
        assertThat(r.path("maxLinf").asDouble()).isLessThanOrEqualTo(16 / 255.0 + 1e-6);
        assertThat(r.path("dice").path("spleen").path("attacked").asDouble()).isLessThan(r.path("dice").path("spleen").path("clean").asDouble());
        assertThat(r.path("organPixelsAfter").asLong()).isLessThan(r.path("organPixelsBefore").asLong());
    }

    @Test
    void untargetedPrintsATable() {
        CliRun run = CliRun.of("assess", "segmentation", "--model", MODEL, "--data", DATA, "--eps", "8/255", "--steps", "3", "--samples", "2");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("untargeted").contains("liver").contains("mean").contains("max L-inf 0.0314");
    }

    @ParameterizedTest
    @CsvSource({"--attack, flip, unknown attack", "--organ, brain, unknown organ", "--eps, -1, --eps must be", "--steps, 0, --steps must be",
        "--samples, 0, --samples must be", "--model, no-such-model, no model"})
    void badOptionsExitTwo(String option, String value, String message) {
        String[] args = option.equals("--model") ? new String[] {"assess", "segmentation", "--model", value}
                : option.equals("--attack") ? new String[] {"assess", "segmentation", "--model", MODEL, "--data", DATA, option, value}
                : new String[] {"assess", "segmentation", "--model", MODEL, "--data", DATA, "--attack", "inject", option, value};
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }

    @Test
    void mlTrainWritesTheReferenceUNetThatTheAttackReads(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("unet.json");
        CliRun train = CliRun.of("ml", "train", "--use-case", "abdomen-unet", "--data", DATA, "--epochs", "2", "--out", out.toString(), "--json");
        assertThat(train.exitCode()).as(train.err()).isEqualTo(0);
        assertThat(Files.exists(dir.resolve("unet.params"))).isTrue();
        assertThat(new ObjectMapper().readTree(train.out()).path("testSlices").asInt()).isEqualTo(6);
        CliRun again = CliRun.of("ml", "train", "--use-case", "abdomen-unet", "--data", DATA, "--epochs", "2", "--out", out.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        CliRun attack = CliRun.of("assess", "segmentation", "--model", out.toString(), "--data", DATA, "--steps", "1", "--samples", "1");
        assertThat(attack.exitCode()).as(attack.err()).isEqualTo(0);
    }
}
