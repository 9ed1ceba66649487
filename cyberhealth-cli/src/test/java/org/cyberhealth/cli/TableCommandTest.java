package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak-tracing walk-through of the README, run through the command line. */
class TableCommandTest {

    @TempDir
    static Path folder;

    static Path original;
    static Path key;
    static Path schema;

    @BeforeAll
    static void markFiveCopies() throws URISyntaxException {
        original = Path.of(TableCommandTest.class.getResource("/omop/measurement.csv").toURI());
        key = folder.resolve("hospital.key");
        schema = folder.resolve("measurement.schema.json");
        assertThat(CliRun.of("keys", "new", "--issuer", "St. Example", "--out", key.toString()).exitCode()).isZero();
        assertThat(CliRun.of("table", "profile", original.toString(), "--out", schema.toString()).exitCode()).isZero();
        for (int r = 1; r <= 5; r++) {
            CliRun run = CliRun.of("table", "mark", original.toString(), "--schema", schema.toString(), "--key", key.toString(),
                    "--recipient", "lab-" + r, "--out", copy(r).toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    static Path copy(int recipient) {
        return folder.resolve("lab-" + recipient + ".csv");
    }

    @Test
    void theMarkIsFoundInACopyAndNotInTheOriginal() {
        assertThat(CliRun.of("table", "detect", copy(1).toString(), "--key", key.toString()).exitCode()).isZero();
        CliRun clean = CliRun.of("table", "detect", original.toString(), "--key", key.toString());
        assertThat(clean.exitCode()).isEqualTo(1);
        assertThat(clean.out()).contains("NO MARK");
    }

    @Test
    void theMarkSurvivesDeletingNinetyPercentOfRows() throws IOException {
        Path attacked = folder.resolve("deleted.csv");
        assertThat(CliRun.of("table", "attack", copy(2).toString(), "--attack", "delete", "--fraction", "0.9", "--out", attacked.toString()).exitCode()).isZero();
        CliRun run = CliRun.of("table", "detect", attacked.toString(), "--key", key.toString(), "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("detected").asBoolean()).isTrue();
        assertThat(json.get("pValue").asDouble()).isLessThan(1e-9);
    }

    @Test
    void traceAccusesOnlyColluders() throws IOException {
        Path merged = folder.resolve("merged.csv");
        assertThat(CliRun.of("table", "attack", copy(1).toString(), "--attack", "collude", "--with", copy(3) + "," + copy(4),
                "--strategy", "interleave", "--out", merged.toString()).exitCode()).isZero();
        CliRun run = CliRun.of("table", "trace", merged.toString(), "--key", key.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode accused = new ObjectMapper().readTree(run.out()).get("accused");
        assertThat(accused.size()).isPositive();
        accused.forEach(a -> assertThat(a.get("recipient").asText()).isIn("lab-1", "lab-3", "lab-4"));
        accused.forEach(a -> assertThat(a.get("innocentBound").asDouble()).isLessThanOrEqualTo(1e-6));
    }

    @Test
    void utilityStaysWithinTheBoundAndReportsABrokenOne() {
        assertThat(CliRun.of("table", "utility", original.toString(), copy(1).toString(), "--schema", schema.toString()).exitCode()).isZero();
        CliRun strict = CliRun.of("table", "utility", original.toString(), copy(1).toString(), "--schema", schema.toString(), "--max-mean-shift", "1e-9");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("BOUND BROKEN");
    }

    @Test
    void aMarkThatWouldBreakTheMeanBoundWritesNothing() {
        Path out = folder.resolve("refused.csv");
        CliRun run = CliRun.of("table", "mark", original.toString(), "--schema", schema.toString(), "--key", key.toString(),
                "--recipient", "lab-9", "--out", out.toString(), "--max-mean-shift", "1e-9");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nothing written");
        assertThat(out).doesNotExist();
    }

    @Test
    void sqliteTablesAreMarkedAndDetected() {
        String table = folder.resolve("warehouse.db") + "#measurement_lab7";
        CliRun mark = CliRun.of("table", "mark", original.toString(), "--schema", schema.toString(), "--key", key.toString(),
                "--recipient", "lab-7", "--out", table);
        assertThat(mark.exitCode()).as(mark.err()).isZero();
        assertThat(CliRun.of("table", "detect", table, "--key", key.toString()).exitCode()).isZero();
    }

    @Test
    void badInputGivesOneLineAndExitCodeTwo() throws IOException {
        CliRun onto = CliRun.of("table", "mark", original.toString(), "--schema", schema.toString(), "--key", key.toString(),
                "--recipient", "x", "--out", original.toString());
        assertThat(onto.exitCode()).isEqualTo(2);
        assertThat(onto.err().strip().lines()).hasSize(1);
        byte[] before = Files.readAllBytes(copy(5));
        CliRun existing = CliRun.of("table", "mark", original.toString(), "--schema", schema.toString(), "--key", key.toString(),
                "--recipient", "x", "--out", copy(5).toString());
        assertThat(existing.exitCode()).isEqualTo(2);
        assertThat(existing.err()).contains("--force");
        assertThat(Files.readAllBytes(copy(5))).isEqualTo(before);
        assertThat(CliRun.of("table", "attack", copy(1).toString(), "--attack", "melt", "--out", folder.resolve("m.csv").toString()).exitCode()).isEqualTo(2);
        Path badSchema = folder.resolve("bad.json");
        Files.writeString(badSchema, "{\"table\": \"t\", \"key\": [], \"columns\": []}");
        CliRun schemaRun = CliRun.of("table", "mark", original.toString(), "--schema", badSchema.toString(), "--key", key.toString(),
                "--recipient", "x", "--out", folder.resolve("x.csv").toString());
        assertThat(schemaRun.exitCode()).isEqualTo(2);
        assertThat(schemaRun.err()).contains("key column");
    }

    /**
     * Under about 2% of keys, the 192 groups of this 10,040-row table leave one of the 64 owner bits without a
     * carrier. Restoration turns each group back by its own reading, so that bit does not matter: the copy
     * must still come back byte for byte (restore used to refuse it as if the bit had been altered).
     */
    @Test
    void aBitNoGroupCarriesDoesNotStopExactRestoration() throws Exception {
        Path issuer = Path.of(TableCommandTest.class.getResource("/keys/uncarried-bit.key").toURI());
        Path registry = folder.resolve("uncarried.registry.db");
        Path wide = folder.resolve("uncarried.schema.json");
        Files.writeString(wide, Files.readString(schema).replace("\"maxChange\" : 1", "\"maxChange\" : 200"));
        Path marked = folder.resolve("uncarried.csv");
        Path restored = folder.resolve("uncarried-restored.csv");
        assertThat(CliRun.of("table", "mark", original.toString(), "--schema", wide.toString(), "--key", issuer.toString(), "--registry",
                registry.toString(), "--recipient", "lab-1", "--scheme", "lossless", "--range-ends", "extend", "--out", marked.toString()).exitCode()).isZero();
        CliRun detect = CliRun.of("table", "detect", marked.toString(), "--key", issuer.toString(), "--registry", registry.toString(), "--json");

        assertThat(detect.exitCode()).isZero();
        assertThat(detect.out()).containsPattern("\"decidedBits\" ?: ?63").containsPattern("\"matchingBits\" ?: ?63");
        CliRun restore = CliRun.of("table", "restore", marked.toString(), "--key", issuer.toString(), "--registry", registry.toString(),
                "--out", restored.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(Files.mismatch(restored, original)).as("restored byte for byte").isEqualTo(-1);
    }

    @Test
    void theLosslessMarkIsFoundAndTakenOutCellForCell() throws IOException {
        Path registry = folder.resolve("lossless.registry.db");
        Path wide = folder.resolve("wide.schema.json");
        // The circular histogram modulation needs room to turn the histograms of this mixed lab column.
        Files.writeString(wide, Files.readString(schema).replace("\"maxChange\" : 1", "\"maxChange\" : 200"));
        Path marked = folder.resolve("lossless.csv");
        Path restored = folder.resolve("restored.csv");
        CliRun mark = CliRun.of("table", "mark", original.toString(), "--schema", wide.toString(), "--key", key.toString(), "--registry",
                registry.toString(), "--recipient", "lab-1", "--scheme", "lossless", "--range-ends", "extend", "--out", marked.toString());
        assertThat(mark.exitCode()).as(mark.err()).isZero();
        assertThat(Files.mismatch(marked, original)).isNotEqualTo(-1);
        assertThat(CliRun.of("table", "detect", marked.toString(), "--key", key.toString(), "--registry", registry.toString()).exitCode()).isZero();
        assertThat(CliRun.of("table", "detect", original.toString(), "--key", key.toString(), "--registry", registry.toString()).exitCode()).isEqualTo(1);
        assertThat(CliRun.of("table", "restore", marked.toString(), "--key", key.toString(), "--registry", registry.toString(),
                "--out", restored.toString()).exitCode()).isZero();
        assertThat(Files.mismatch(restored, original)).as("restored byte for byte").isEqualTo(-1);
        Path refused = folder.resolve("refused-restore.csv");
        CliRun notMarked = CliRun.of("table", "restore", original.toString(), "--key", key.toString(), "--registry", registry.toString(),
                "--out", refused.toString());
        assertThat(notMarked.exitCode()).isEqualTo(1);
        assertThat(refused).doesNotExist();
        assertThat(CliRun.of("table", "trace", marked.toString(), "--key", key.toString(), "--registry", registry.toString()).exitCode()).isEqualTo(2);
    }
}
