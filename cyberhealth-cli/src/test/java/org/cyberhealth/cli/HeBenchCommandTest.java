package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench he: the quick runs write the per-operation and polynomial tables; unknown sections are refused. */
class HeBenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickRunWritesTheOperationsTable() throws Exception {
        Path out = dir.resolve("BENCHMARKS.md");
        CliRun run = CliRun.of("bench", "he", "--sections", "ops", "--quick", "--json", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\"opsRows\" ?: ?8");
        String doc = Files.readString(out);
        assertThat(doc).contains("<!-- bench:he-ops:begin -->", "cyberhealth bench he --quick --sections ops");
        for (String op : new String[] {"encode", "encrypt", "decrypt", "add", "multiply", "relinearise", "rescale", "rotate"}) {
            assertThat(doc).containsPattern("\\| " + op + " \\| 8192 \\| [0-9,.]+ \\|");
        }
        assertThat(doc).containsPattern("\\| relinearise \\| 8192 \\| [0-9,.]+ \\| [0-9,.]* \\| [0-9,.]+ \\| 3,249 \\| [0-9.]+ \\|");
    }

    @Test
    void unknownSectionIsRefused() {
        CliRun run = CliRun.of("bench", "he", "--sections", "ops,nope", "--out", dir.resolve("B.md").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--sections takes [ops, polynomials, usecases]");
    }

    @Test
    void polynomialSectionComparesTheTreeWithPatersonStockmeyer() throws Exception {
        Path out = dir.resolve("BENCHMARKS.md");
        CliRun run = CliRun.of("bench", "he", "--sections", "polynomials", "--quick", "--json", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\"polynomialRows\" ?: ?8");
        String doc = Files.readString(out);
        assertThat(doc).contains("<!-- bench:he-polynomials:begin -->", "cyberhealth bench he --quick --sections polynomials");
        // Degree 15: 14 products for the tree, 7 for Paterson-Stockmeyer, both in 5 levels, both precise to 2^-15 or better.
        assertThat(doc).containsPattern("\\| 15 \\| 14 / 7 \\| 11\\.7 \\| 5 / 5 \\| [0-9]+ / [0-9]+ \\| 2\\^-(1[5-9]|2[0-9])\\.[0-9] / 2\\^-(1[5-9]|2[0-9])\\.[0-9] \\|");
    }
}
