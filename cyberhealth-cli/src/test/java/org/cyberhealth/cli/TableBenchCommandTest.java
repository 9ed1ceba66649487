package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench table: bad settings are refused before any data is read, and nothing is written. */
class TableBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void zeroRunsOrAnUnknownSectionIsBadUsage() {
        Path out = dir.resolve("B.md");
        CliRun noRuns = CliRun.of("bench", "table", "--sections", "speed", "--runs", "0", "--data", dir.toString(), "--out", out.toString());
        CliRun unknown = CliRun.of("bench", "table", "--sections", "speed,nope", "--data", dir.toString(), "--out", out.toString());

        assertThat(noRuns.exitCode()).isEqualTo(2);
        assertThat(noRuns.err()).contains("--runs and --rows must be at least 1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--sections takes");
        assertThat(Files.exists(out)).isFalse();
    }
}
