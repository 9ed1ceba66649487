package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cyberhealth.assess.provenance.Carriers;
import org.cyberhealth.assess.provenance.NetworkWeights;
import org.cyberhealth.core.io.Npz;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.KeyFiles;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provenance mark-model | verify-model | mark-data | detect-data end to end, on small budgets (2 epochs, 2% marked). */
class ProvenanceCommandTest {

    private static final Path DATA = Path.of("../samples/ml/ml/pneumoniamnist.npz");
    private static final Path UNMARKED = Path.of("../models/pneumonia-cnn.json");
    private static final Path ONNX = Path.of("../models/torch/pneumonia-torch.onnx");
    private static final List<String> CLASSES = List.of("normal", "pneumonia");
    /**
     * Fixed test keys (made by keys new, committed for the tests only): every secret of a mark derives from the key, so
     * a fresh key per run would make the numbers vary from run to run (after 2 epochs Uchida's bits match 50 to 63 of 64).
     */
    private static final Path KEYS = Path.of("src/test/resources/provenance");

    @TempDir
    static Path dir;
    static final Path key = KEYS.resolve("hospital.key");
    static final Path otherKey = KEYS.resolve("other.key");
    static Path marked;
    static CliRun markRun;

    @BeforeAll
    static void markAModel() {
        marked = dir.resolve("marked.json");
        markRun = CliRun.of("provenance", "mark-model", "--use-case", "pneumonia-cnn", "--key", key.toString(), "--epochs", "2", "--out",
                marked.toString(), "--json");
    }

    @Test
    void markModelEmbedsBothMarksAndReadsThemBackFromTheFilesWritten() throws Exception {
        assertThat(markRun.exitCode()).as(markRun.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(markRun.out());
        assertThat(r.path("testAccuracy").asDouble()).isGreaterThan(0.8);
        assertThat(r.path("marks")).hasSize(2);
        for (JsonNode mark : r.path("marks")) {
            assertThat(mark.path("pValue").asDouble()).as(mark.toString()).isLessThan(1e-6);
            assertThat(mark.path("found").asBoolean()).isTrue();
        }
        assertThat(ClassifierFile.parametersOf(marked)).exists();
        assertThat(ClassifierFile.read(marked).classes()).isEqualTo(CLASSES);
        assertNoSecret(markRun.out() + markRun.err() + Files.readString(marked));
    }

    @Test
    void verifyModelFindsTheMarksOnlyInTheMarkedModelAndOnlyWithTheOwnersKey() throws Exception {
        CliRun found = CliRun.of("provenance", "verify-model", "--model", marked.toString(), "--key", key.toString());
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).contains("uchida").contains("trigger-set").contains("MARKED");
        assertNoSecret(found.out() + found.err());
        CliRun wrongKey = CliRun.of("provenance", "verify-model", "--model", marked.toString(), "--key", otherKey.toString(), "--json");
        assertThat(wrongKey.exitCode()).as(wrongKey.err()).isEqualTo(1);
        for (JsonNode mark : new ObjectMapper().readTree(wrongKey.out()).path("marks")) {
            assertThat(mark.path("pValue").asDouble()).as(mark.toString()).isGreaterThan(1e-3);
        }
        CliRun unmarked = CliRun.of("provenance", "verify-model", "--model", UNMARKED.toString(), "--key", key.toString());
        assertThat(unmarked.exitCode()).as(unmarked.err()).isEqualTo(1);
        assertThat(unmarked.out()).contains("no mark found");
        // A black-box (ONNX) model: the trigger set is read by queries, Uchida's bits cannot be.
        CliRun onnx = CliRun.of("provenance", "verify-model", "--model", ONNX.toString(), "--key", key.toString(), "--json");
        assertThat(onnx.exitCode()).as(onnx.err()).isEqualTo(1);
        JsonNode marks = new ObjectMapper().readTree(onnx.out()).path("marks");
        assertThat(marks.get(0).path("skipped").asText()).contains("onnx");
        assertThat(marks.get(1).path("outOf").asInt()).isEqualTo(100);
        CliRun named = CliRun.of("provenance", "verify-model", "--model", ONNX.toString(), "--key", key.toString(), "--scheme", "uchida");
        assertThat(named.exitCode()).isEqualTo(2);
        assertThat(named.err().lines()).hasSize(1);
    }

    @Test
    void markDataMarksAKeyChosenShareWithinTheBudgetAndCopiesEveryOtherArray() throws Exception {
        byte[] before = Files.readAllBytes(DATA);
        Path out = dir.resolve("marked.npz");
        CliRun run = CliRun.of("provenance", "mark-data", "--data", DATA.toString(), "--key", key.toString(), "--fraction", "0.02", "--out",
                out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertThat(r.path("marked").asInt()).isEqualTo(49);
        assertThat(r.path("minPsnrDb").asDouble()).isGreaterThanOrEqualTo(20 * Math.log10(255 / 4.0));
        assertNoSecret(run.out() + run.err());
        assertThat(Files.readAllBytes(DATA)).isEqualTo(before);
        Map<String, byte[]> original = Npz.readRaw(DATA, 1 << 30);
        Map<String, byte[]> written = Npz.readRaw(out, 1 << 30);
        assertThat(written.keySet()).containsExactlyElementsOf(original.keySet());
        for (String name : original.keySet()) {
            if (!name.equals("train_images")) {
                assertThat(written.get(name)).as(name).isEqualTo(original.get(name));
            }
        }
        Dataset clean = MedMnist.read(DATA, "train", "clean", CLASSES);
        Dataset markedSet = MedMnist.read(out, "train", "marked", CLASSES);
        int changed = 0;
        for (int i = 0; i < clean.size(); i++) {
            double[] a = clean.features()[i];
            double[] b = markedSet.features()[i];
            boolean differs = false;
            for (int p = 0; p < a.length; p++) {
                assertThat(Math.abs(a[p] - b[p]) * 255).isLessThanOrEqualTo(4 + 1e-9);
                differs |= a[p] != b[p];
            }
            changed += differs ? 1 : 0;
        }
        assertThat(changed).isBetween(45, 49);
        assertThat(markedSet.targets()).isEqualTo(clean.targets());
        // Never over an existing output without --force, never over the input even with it.
        assertThat(CliRun.of("provenance", "mark-data", "--data", DATA.toString(), "--key", key.toString(), "--out", out.toString()).exitCode())
                .isEqualTo(2);
        Path copy = dir.resolve("copy.npz");
        Files.write(copy, before);
        CliRun self = CliRun.of("provenance", "mark-data", "--data", copy.toString(), "--key", key.toString(), "--out", copy.toString(), "--force");
        assertThat(self.exitCode()).isEqualTo(2);
        assertThat(self.err()).contains("inputs are never changed");
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
    }

    @Test
    void detectDataFindsCarriersPlantedInALastLayerOnlyWithTheKey() throws Exception {
        ClassifierFile reference = ClassifierFile.read(UNMARKED);
        NetworkWeights weights = NetworkWeights.read("small-cnn", 2, new Shape(1, 1, 28, 28),
                Files.readAllBytes(ClassifierFile.parametersOf(UNMARKED)));
        float[][] last = weights.lastLayer();
        float[][] carriers = Carriers.draw(KeyFiles.readIssuerKey(key).derive(IssuerKey.Purpose.RADIOACTIVE_DATA), 2, last[0].length);
        float[] planted = new float[2 * last[0].length];
        for (int c = 0; c < 2; c++) {
            System.arraycopy(carriers[c], 0, planted, c * last[0].length, last[0].length);
        }
        List<String> names = new ArrayList<>(weights.weightNames());
        Path suspect = dir.resolve("planted.json");
        ClassifierFile.write(suspect, "planted", "small-cnn", reference.input(), reference.classes(), new ObjectMapper().createObjectNode(),
                weights.with(names.get(names.size() - 1), planted).toBytes(), false);
        CliRun found = CliRun.of("provenance", "detect-data", "--model", suspect.toString(), "--key", key.toString(), "--marker", UNMARKED.toString());
        assertThat(found.exitCode()).as(found.out() + found.err()).isZero();
        assertThat(found.out()).contains("FOUND");
        assertNoSecret(found.out() + found.err());
        CliRun wrongKey = CliRun.of("provenance", "detect-data", "--model", suspect.toString(), "--key", otherKey.toString(), "--json");
        assertThat(wrongKey.exitCode()).as(wrongKey.err()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(wrongKey.out()).path("pValue").asDouble()).isGreaterThan(1e-3);
        CliRun unmarked = CliRun.of("provenance", "detect-data", "--model", UNMARKED.toString(), "--key", key.toString());
        assertThat(unmarked.exitCode()).as(unmarked.err()).isEqualTo(1);
        assertThat(unmarked.out()).contains("not found");
        // By queries only: the committed ONNX model (never trained on marked images) is read and not claimed.
        CliRun blackBox = CliRun.of("provenance", "detect-data", "--model", ONNX.toString(), "--key", key.toString());
        assertThat(blackBox.exitCode()).as(blackBox.out() + blackBox.err()).isEqualTo(1);
        assertThat(blackBox.out()).contains("not found");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path publicKey = dir.resolve("public.key");
        assertThat(CliRun.of("keys", "public", key.toString(), "--out", publicKey.toString()).exitCode()).isZero();
        String out = dir.resolve("never.json").toString();
        List<String[]> bad = List.of(
                new String[] {"provenance", "verify-model", "--model", marked.toString(), "--key", dir.resolve("missing.key").toString()},
                new String[] {"provenance", "verify-model", "--model", marked.toString(), "--key", publicKey.toString()},
                new String[] {"provenance", "verify-model", "--model", marked.toString(), "--key", key.toString(), "--scheme", "dct"},
                new String[] {"provenance", "verify-model", "--model", marked.toString(), "--key", key.toString(), "--alpha", "0"},
                new String[] {"provenance", "mark-model", "--use-case", "breast-cancer-mlp", "--key", key.toString(), "--out", out},
                new String[] {"provenance", "mark-model", "--use-case", "pneumonia-cnn", "--key", key.toString(), "--out", marked.toString()},
                new String[] {"provenance", "mark-data", "--data", DATA.toString(), "--key", key.toString(), "--fraction", "0", "--out", out},
                new String[] {"provenance", "mark-data", "--data", "missing.npz", "--key", key.toString(), "--out", out});
        for (String[] args : bad) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(2);
            assertThat(run.err().lines()).as(run.err()).hasSize(1);
        }
        assertThat(Path.of(out)).doesNotExist();
        for (String command : List.of("mark-model", "verify-model", "mark-data", "detect-data")) {
            assertThat(CliRun.of("provenance", command, "--help").out()).contains("Example:").contains("Exit codes");
        }
        assertThat(CliRun.of("provenance", "detect-data", "--help").out()).contains("no proof of innocence");
    }

    /** Neither the issuer secret nor any key derived from it, in base64 or hex, appears in {@code text}. */
    private static void assertNoSecret(String text) throws Exception {
        String secret = new ObjectMapper().readTree(Files.readString(key)).path("secret").asText();
        assertThat(secret).isNotEmpty();
        assertThat(text).doesNotContain(secret);
        IssuerKey issuer = KeyFiles.readIssuerKey(key);
        for (IssuerKey.Purpose purpose : IssuerKey.Purpose.values()) {
            byte[] derived = issuer.derive(purpose);
            assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(derived)).doesNotContainIgnoringCase(HexFormat.of().formatHex(derived));
        }
    }
}
