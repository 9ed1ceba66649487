package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cyberhealth.imaging.ImageDocument;
import org.cyberhealth.imaging.ImageDocuments;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.attack.Attack;
import org.cyberhealth.imaging.attack.JpegRecompression;
import org.cyberhealth.imaging.attack.Windowing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image commands end to end on the bundled sample CT study, through the real command line. */
class ImageCommandTest {

    private static final Path STUDY = Path.of("../samples/ct-study");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path key;
    static Path pub;
    static Path marked;

    @BeforeAll
    static void markTheStudy() {
        key = dir.resolve("h.key");
        pub = dir.resolve("h.pub");
        marked = dir.resolve("marked");
        assertThat(CliRun.of("keys", "new", "--issuer", "Test Hospital", "--out", key.toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "public", key.toString(), "--out", pub.toString()).exitCode()).isZero();
        CliRun mark = CliRun.of("image", "mark", STUDY.toString(), "--key", key.toString(), "--recipient", "lab-42",
                "--export-id", "exp-1", "--out", marked.toString(), "--json");
        assertThat(mark.exitCode()).as(mark.err()).isZero();
    }

    @Test
    void markedStudyVerifiesWithThePublicKeyAndNamesTheRecipientWithTheIssuerKey() throws Exception {
        CliRun verify = CliRun.of("image", "verify", marked.toString(), "--key", pub.toString(), "--json");
        assertThat(verify.exitCode()).isZero();
        JsonNode result = JSON.readTree(verify.out());
        assertThat(result.path("files").asInt()).isEqualTo(3);
        result.path("results").forEach(r -> assertThat(r.path("verdict").asText()).isEqualTo("AUTHENTIC"));

        JsonNode withKey = JSON.readTree(CliRun.of("image", "verify", marked.resolve("02.dcm").toString(), "--key", key.toString(), "--json").out());
        JsonNode record = withKey.path("results").get(0).path("record");
        assertThat(record.path("recipient").asText()).isEqualTo("lab-42");
        assertThat(record.path("exportId").asText()).isEqualTo("exp-1");
    }

    @Test
    void restoreGivesTheOriginalFilesByteForByte() throws Exception {
        Path restored = dir.resolve("restored");
        assertThat(CliRun.of("image", "restore", marked.toString(), "--key", key.toString(), "--out", restored.toString()).exitCode()).isZero();
        try (Stream<Path> files = Files.list(STUDY)) {
            for (Path original : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
                assertThat(Files.mismatch(original, restored.resolve(original.getFileName()))).isEqualTo(-1L);
            }
        }
    }

    @Test
    void onePixelChangedIsLocatedAndMapped() throws Exception {
        ImageDocument doc = ImageDocuments.open(marked.resolve("01.dcm"));
        Raster r = doc.raster();
        r.set(100, 300, r.get(100, 300) + 1);
        Path tampered = dir.resolve("tampered.dcm");
        doc.write(r, tampered, false);
        Path map = dir.resolve("map.png");

        CliRun verify = CliRun.of("image", "verify", tampered.toString(), "--key", key.toString(), "--tamper-map", map.toString(), "--json");
        assertThat(verify.exitCode()).isEqualTo(1);
        JsonNode result = JSON.readTree(verify.out()).path("results").get(0);
        assertThat(result.path("verdict").asText()).isEqualTo("TAMPERED");
        JsonNode region = result.path("tamperedRegions").get(0);
        assertThat(100).isBetween(region.path("x").asInt(), region.path("x").asInt() + region.path("width").asInt() - 1);
        assertThat(300).isBetween(region.path("y").asInt(), region.path("y").asInt() + region.path("height").asInt() - 1);
        assertThat(map).isRegularFile();

        CliRun restore = CliRun.of("image", "restore", tampered.toString(), "--key", key.toString(), "--out", dir.resolve("no.dcm").toString());
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(dir.resolve("no.dcm")).doesNotExist();
    }

    @Test
    void unmarkedImageAndWrongKeyAreDistinctFailures() throws Exception {
        CliRun unmarked = CliRun.of("image", "verify", STUDY.resolve("01.dcm").toString(), "--key", pub.toString());
        assertThat(unmarked.exitCode()).isEqualTo(1);
        assertThat(unmarked.out()).contains("NO WATERMARK");

        Path other = dir.resolve("other.key");
        CliRun.of("keys", "new", "--issuer", "Other", "--out", other.toString());
        CliRun wrong = CliRun.of("image", "verify", marked.resolve("01.dcm").toString(), "--key", other.toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.out()).contains("WRONG KEY");
    }

    @Test
    void traceNamesTheRecipientFromTheLedger() throws Exception {
        Path png = dir.resolve("leak.png");
        // An 8-bit soft-tissue window of the marked slice, as a viewer export would produce it.
        Raster r = ImageDocuments.open(marked.resolve("03.dcm")).raster();
        int[] s = new int[r.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) Math.max(0, Math.min(255, Math.round((r.samples()[i] - (1064 - 200)) * 255.0 / 400)));
        }
        org.cyberhealth.imaging.io.ImageFiles.write(org.cyberhealth.imaging.io.PlainImage.gray(Raster.wrap(r.width(), r.height(), s, 0, 255)), png, false);
        CliRun trace = CliRun.of("image", "trace", png.toString(), "--key", key.toString(), "--json");
        assertThat(trace.exitCode()).as(trace.err()).isZero();
        assertThat(JSON.readTree(trace.out()).path("recipient").asText()).isEqualTo("lab-42");

        CliRun unrelated = CliRun.of("image", "trace", STUDY.resolve("01.dcm").toString(), "--key", key.toString());
        assertThat(unrelated.exitCode()).isEqualTo(1);
        assertThat(unrelated.out()).contains("no recipient identified");
    }

    /**
     * A leaker's copy through a wide window (W2000, 7.8 HU a gray level) re-encoded as JPEG 75: the
     * recipient is named with every bit of the code read right, on each slice of the study.
     */
    @Test
    void traceReadsEveryBitThroughAWideWindowAndJpeg75() throws Exception {
        Path fixed = fixedKey();
        Path study = dir.resolve("fixed-key-study");
        assertThat(CliRun.of("image", "mark", STUDY.toString(), "--key", fixed.toString(), "--recipient", "lab-42",
                "--ledger", dir.resolve("fixed.ledger.jsonl").toString(), "--out", study.toString()).exitCode()).isZero();
        Attack leak = new Windowing(1064, 2000, "W2000 L40 HU").then(new JpegRecompression(75));
        for (String slice : List.of("01.dcm", "02.dcm", "03.dcm")) {
            Path png = dir.resolve("wide-" + slice + ".png");
            Raster leaked = leak.apply(ImageDocuments.open(study.resolve(slice)).raster());
            org.cyberhealth.imaging.io.ImageFiles.write(org.cyberhealth.imaging.io.PlainImage.gray(leaked), png, false);

            CliRun trace = CliRun.of("image", "trace", png.toString(), "--key", fixed.toString(), "--ledger",
                    dir.resolve("fixed.ledger.jsonl").toString(), "--json");

            assertThat(trace.exitCode()).as(trace.err()).isZero();
            JsonNode found = JSON.readTree(trace.out());
            assertThat(found.path("recipient").asText()).isEqualTo("lab-42");
            assertThat(found.path("ranking").path(0).path("bitErrors").asInt()).as(slice).isZero();
        }
    }

    /**
     * --strong-robust from the command line: the JSON names the strength, the copy is traced through a
     * window over stored values 0..4095 (16 HU a gray level) and JPEG 75 with every bit of the code right,
     * and restores byte for byte like any other; with --no-robust it is refused. (That the rehearsal is what
     * saves such leaks is pinned where the standard mark fails: DcmtkLeakTest, LeakRehearsalTest.)
     */
    @Test
    void aStronglyMarkedSliceIsTracedThroughTheStoredRangeAndJpeg75AndRestoredExactly() throws Exception {
        Path fixed = fixedKey();
        Path ledger = dir.resolve("strong.ledger.jsonl");
        Path strong = dir.resolve("strong.dcm");
        CliRun mark = CliRun.of("image", "mark", STUDY.resolve("02.dcm").toString(), "--key", fixed.toString(), "--recipient", "lab-7",
                "--strong-robust", "--ledger", ledger.toString(), "--out", strong.toString(), "--json");
        assertThat(mark.exitCode()).as(mark.err()).isZero();
        assertThat(JSON.readTree(mark.out()).path("results").path(0).path("robustStrength").asText()).isEqualTo("strong");

        Path png = dir.resolve("strong-leak.png");
        Raster leaked = new Windowing(2048, 4096, "stored range").then(new JpegRecompression(75)).apply(ImageDocuments.open(strong).raster());
        org.cyberhealth.imaging.io.ImageFiles.write(org.cyberhealth.imaging.io.PlainImage.gray(leaked), png, false);
        JsonNode found = JSON.readTree(CliRun.of("image", "trace", png.toString(), "--key", fixed.toString(), "--ledger", ledger.toString(),
                "--json").out());
        assertThat(found.path("recipient").asText()).isEqualTo("lab-7");
        assertThat(found.path("ranking").path(0).path("bitErrors").asInt()).isZero();

        Path restored = dir.resolve("strong-restored.dcm");
        assertThat(CliRun.of("image", "restore", strong.toString(), "--key", fixed.toString(), "--out", restored.toString()).exitCode()).isZero();
        assertThat(Files.mismatch(STUDY.resolve("02.dcm"), restored)).isEqualTo(-1L);

        CliRun both = CliRun.of("image", "mark", STUDY.resolve("02.dcm").toString(), "--key", key.toString(), "--recipient", "lab-7",
                "--strong-robust", "--no-robust", "--out", dir.resolve("both.dcm").toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --no-robust or --strong-robust");
        assertThat(dir.resolve("both.dcm")).doesNotExist();
    }

    /** A fixed issuer key: the robust mark's zones follow the key, so counted bit errors must not depend on a fresh one. */
    private static Path fixedKey() throws Exception {
        return Path.of(ImageCommandTest.class.getResource("/keys/robust-fixture.key").toURI());
    }

    @Test
    void inspectShowsTheWatermarkWithoutAKey() throws Exception {
        CliRun inspect = CliRun.of("image", "inspect", marked.resolve("01.dcm").toString(), "--json");
        assertThat(inspect.exitCode()).isZero();
        JsonNode facts = JSON.readTree(inspect.out());
        assertThat(facts.path("rows").asInt()).isEqualTo(512);
        assertThat(facts.path("watermark").path("blockSize").asInt()).isEqualTo(64);
        assertThat(facts.path("watermark").path("keyId").asText()).hasSize(16);
    }

    @Test
    void aMaskedRegionOfInterestStaysUntouched() throws Exception {
        int[] mask = new int[512 * 512];
        for (int y = 150; y < 230; y++) {
            for (int x = 260; x < 330; x++) {
                mask[y * 512 + x] = 255;
            }
        }
        Path maskFile = dir.resolve("lesion-mask.png");
        org.cyberhealth.imaging.io.ImageFiles.write(org.cyberhealth.imaging.io.PlainImage.gray(Raster.wrap(512, 512, mask, 0, 255)), maskFile, false);
        Path out = dir.resolve("roi.dcm");
        CliRun mark = CliRun.of("image", "mark", STUDY.resolve("02.dcm").toString(), "--key", key.toString(), "--recipient", "lab-5",
                "--roi-mask", maskFile.toString(), "--out", out.toString(), "--json");
        assertThat(mark.exitCode()).as(mark.out() + mark.err()).isZero();
        assertThat(JSON.readTree(mark.out()).path("results").get(0).path("untouchedBlocks").asInt()).isPositive();
        Raster original = ImageDocuments.open(STUDY.resolve("02.dcm")).raster();
        Raster marked = ImageDocuments.open(out).raster();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                assertThat(marked.samples()[i]).isEqualTo(original.samples()[i]);
            }
        }
        assertThat(CliRun.of("image", "verify", out.toString(), "--key", key.toString()).exitCode()).isZero();
    }

    @Test
    void anAlreadyMarkedImageIsNotMarkedAgain() {
        Path again = dir.resolve("again.dcm");
        CliRun run = CliRun.of("image", "mark", marked.resolve("01.dcm").toString(), "--key", key.toString(), "--recipient", "lab-9",
                "--out", again.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("already carries a watermark");
        assertThat(again).doesNotExist();
    }

    @Test
    void objectsWithoutPixelsInAStudyAreHandedOutUnchanged() throws Exception {
        Path study = Files.createDirectories(dir.resolve("study-with-plan"));
        Files.copy(STUDY.resolve("01.dcm"), study.resolve("01.dcm"));
        Path plan = Files.copy(Path.of("../cyberhealth-imaging/src/test/resources/dicom/pydicom/rtplan.dcm"), study.resolve("plan.dcm"));
        Path out = dir.resolve("study-with-plan-marked");

        CliRun mark = CliRun.of("image", "mark", study.toString(), "--key", key.toString(), "--recipient", "lab-3", "--out", out.toString());
        assertThat(mark.exitCode()).as(mark.out()).isZero();
        assertThat(mark.out()).contains("copied unchanged (no pixel data, not watermarked)");
        assertThat(Files.mismatch(plan, out.resolve("plan.dcm"))).isEqualTo(-1L);

        CliRun verify = CliRun.of("image", "verify", out.toString(), "--key", key.toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("plan.dcm: skipped (no pixel data)").contains("AUTHENTIC");
    }
}
