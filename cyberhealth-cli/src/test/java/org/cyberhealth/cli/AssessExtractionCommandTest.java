package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** assess extraction end to end on a small budget (a few seconds), and its refusals of bad input. */
class AssessExtractionCommandTest {

    private static final String MODEL = "../models/pneumonia-cnn.json";
    private static final String DATA = "../samples/ml/ml/pneumoniamnist.npz";
    private static final String POOL = "../samples/ml/ml/breastmnist.npz";

    @Test
    void jacobianCountsItsQueriesAndReportsFidelity() throws Exception {
        CliRun run = CliRun.of("assess", "extraction", "--model", MODEL, "--data", DATA, "--method", "jacobian", "--queries", "250", "--epochs", "2",
                "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("method").asText()).isEqualTo("jacobian");
        assertThat(r.path("queries").asInt()).isEqualTo(250);
        assertThat(r.path("testImages").asInt()).isEqualTo(468);
        assertThat(r.path("fidelity").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.path("victimAccuracy").asDouble()).isEqualTo(0.8611, Offset.offset(1e-4));
    }

    @Test
    void knockoffPrintsText() {
        CliRun run = CliRun.of("assess", "extraction", "--model", MODEL, "--data", DATA, "--pool", POOL, "--queries", "100", "--epochs", "1");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("knockoff: Knockoff Nets").contains("queries           100").contains("fidelity");
    }

    @ParameterizedTest
    @CsvSource({"--method, copycat, unknown method", "--queries, 0, --queries must be", "--epochs, 0, --epochs must be",
        "--model, no-such-model, no model"})
    void badOptionsExitTwo(String option, String value, String message) {
        String[] args = option.equals("--model") ? new String[] {"assess", "extraction", "--model", value}
                : new String[] {"assess", "extraction", "--model", MODEL, "--data", DATA, option, value};
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message);
    }
}
