package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code cyberhealth assess --model ... --out ...} end to end on a small budget: the report folder, its
 * ratings, the exit code of --fail-on, and the page as a browser (headless Chromium) renders it.
 */
class AssessReportCommandTest {

    private static final String DATA = "../samples/ml/ml/pneumoniamnist.npz";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;
    private static Path report;
    private static CliRun run;

    @BeforeAll
    static void assessTheReferenceModel() {
        report = folder.resolve("report");
        run = CliRun.of("assess", "--model", "../models/pneumonia-cnn.json", "--data", DATA, "--out", report.toString(), "--samples", "16",
                "--time", "20s", "--fail-on", "high", "--json");
    }

    @Test
    void theReportRatesEveryThreatAndTheExitCodeFollowsFailOn() throws IOException {
        JsonNode printed = JSON.readTree(run.out());
        JsonNode threats = printed.path("threats");
        assertThat(threats.fieldNames()).toIterable().containsExactly("evasion", "membership", "extraction");
        boolean anyHigh = false;
        for (JsonNode threat : threats) {
            assertThat(threat.path("rating").asText()).isIn("high", "medium", "low");
            anyHigh |= threat.path("rating").asText().equals("high");
        }
        assertThat(run.exitCode()).as(run.err()).isEqualTo(anyHigh ? 1 : 0);
        try (var files = Files.list(report)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("index.html", "report.json", "evasion-accuracy.svg",
                    "evasion-examples.png", "membership-roc.svg");
        }
        // The evasion table: PGD at 8/255 leaves the reference CNN well below its clean accuracy.
        JsonNode table = JSON.readTree(report.resolve("report.json").toFile()).path("sections").get(0).path("blocks").get(1);
        List<JsonNode> rows = new ArrayList<>();
        table.path("rows").forEach(rows::add);
        double clean = percent(rows.get(0).get(2).asText());
        double at8 = percent(rows.get(rows.size() - 1).get(2).asText());
        assertThat(rows.get(rows.size() - 1).get(0).asText()).isEqualTo("8/255");
        assertThat(at8).isLessThan(clean - 30);
        // A reference model's recipe is replayed: LiRA with the default 8 shadows next to the loss threshold.
        JsonNode membership = JSON.readTree(report.resolve("report.json").toFile()).path("sections").get(1).path("blocks").get(1);
        assertThat(membership.path("rows").get(0).get(0).asText()).isEqualTo("loss threshold");
        assertThat(membership.path("rows").get(1).get(0).asText()).isEqualTo("LiRA online, 8 shadows");
        String html = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("AML.T0015").contains("AML.T0024.000").contains("ML05 Model Theft").doesNotContain("<script");
    }

    @Test
    void theReportOpensInABrowser() throws Exception {
        Path shot = folder.resolve("screenshot.png");
        String page = report.resolve("index.html").toUri().toString();
        String dom = chromium("--dump-dom", page);
        assertThat(dom).contains("Evasion: can a small change").contains("Membership inference").contains("Model extraction").contains("<svg");
        chromium("--screenshot=" + shot, "--window-size=1000,1800", page);
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        // The page is drawn, not blank: text, charts and the example images darken a good part of it, and the
        // high-risk badge or the PGD curve puts red on it.
        int dark = 0;
        int red = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                dark += r + g + b < 300 ? 1 : 0;
                red += r > 150 && g < 90 && b < 90 ? 1 : 0;
            }
        }
        assertThat(dark).isGreaterThan(5000);
        assertThat(red).isGreaterThan(20);
    }

    @Test
    void aQueryOnlyModelMeetsTheSquareAttackInstead(@TempDir Path out) throws IOException {
        Path folder = out.resolve("r");
        CliRun onnx = CliRun.of("assess", "--model", "../models/torch/pneumonia-torch.onnx", "--data", DATA, "--threats", "evasion",
                "--samples", "8", "--out", folder.toString(), "--json");
        assertThat(onnx.exitCode()).as(onnx.err()).isEqualTo(0);
        assertThat(JSON.readTree(onnx.out()).path("threats").path("evasion").path("rating").asText()).isIn("high", "medium", "low");
        JsonNode table = JSON.readTree(folder.resolve("report.json").toFile()).path("sections").get(0).path("blocks").get(1);
        assertThat(table.path("header").get(1).asText()).isEqualTo("Square-1000");
        double clean = percent(table.path("rows").get(0).get(1).asText());
        double at8 = percent(table.path("rows").get(4).get(1).asText());
        assertThat(at8).isLessThan(clean);
    }

    @Test
    void defencesAreAttackedAdaptivelyAndShownNextToTheBareModel(@TempDir Path out) throws IOException {
        Path folder = out.resolve("r");
        CliRun defended = CliRun.of("assess", "--model", "../models/pneumonia-cnn.json", "--data", DATA, "--threats", "evasion",
                "--defences", "adversarial-training,jpeg", "--hardened-model", "../models/pneumonia-cnn-adv.json", "--samples", "16",
                "--out", folder.toString(), "--json");
        assertThat(defended.exitCode()).as(defended.err()).isEqualTo(0);
        JsonNode table = JSON.readTree(folder.resolve("report.json").toFile()).path("sections").get(0).path("blocks").get(1);
        List<String> header = new ArrayList<>();
        table.path("header").forEach(h -> header.add(h.asText()));
        assertThat(header).containsExactly("budget (L-inf)", "FGSM", "PGD-20", "FGSM, adversarial training (pneumonia-cnn-adv)",
                "PGD-20, adversarial training (pneumonia-cnn-adv)", "FGSM, jpeg (JPEG quality 75)", "PGD-20, jpeg (JPEG quality 75)");
        JsonNode at8 = table.path("rows").get(4);
        // Madry et al.'s defence holds at 8/255 where the bare model falls.
        assertThat(percent(at8.get(4).asText())).isGreaterThan(percent(at8.get(2).asText()) + 30);
        assertThat(JSON.readTree(defended.out()).path("threats").path("evasion").path("reason").asText()).contains("With adversarial training");
    }

    @Test
    void smoothingAddsItsCertificateToTheEvasionSection(@TempDir Path out) throws IOException {
        Path folder = out.resolve("r");
        CliRun run = CliRun.of("assess", "--model", "../models/pneumonia-cnn.json", "--data", DATA, "--threats", "evasion", "--defences",
                "smoothing", "--noise-model", "../models/pneumonia-cnn-noise.json", "--samples", "8", "--out", folder.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode certified = null;
        for (JsonNode block : JSON.readTree(folder.resolve("report.json").toFile()).path("sections").get(0).path("blocks")) {
            if (block.path("caption").asText().equals("Certified accuracy of the smoothed model")) {
                certified = block;
            }
        }
        assertThat(certified).isNotNull();
        assertThat(certified.path("rows")).hasSize(3);
        // A certificate at a larger radius is never more common than at a smaller one.
        assertThat(percent(certified.path("rows").get(2).get(1).asText())).isLessThanOrEqualTo(percent(certified.path("rows").get(0).get(1).asText()));
    }

    @Test
    void theDetectorAndDpSgdHaveTheirParts(@TempDir Path out) throws IOException {
        Path folder = out.resolve("r");
        CliRun run = CliRun.of("assess", "--model", "../models/pneumonia-cnn.json", "--data", DATA, "--threats", "evasion,membership",
                "--defences", "detector,dp-sgd", "--samples", "8", "--shadows", "4", "--out", folder.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode sections = JSON.readTree(folder.resolve("report.json").toFile()).path("sections");
        List<String> captions = new ArrayList<>();
        sections.get(0).path("blocks").forEach(b -> captions.add(b.path("caption").asText()));
        assertThat(captions).contains("Adversarial-input detector against PGD-20");
        List<String> attacks = new ArrayList<>();
        sections.get(1).path("blocks").get(1).path("rows").forEach(r -> attacks.add(r.get(0).asText()));
        assertThat(attacks).contains("loss threshold, DP-SGD, epsilon 8", "LiRA online, 4 shadows, DP-SGD, epsilon 8");
        // A DP-SGD replay needs a replayable recipe: a user's TorchScript model has none.
        CliRun refused = CliRun.of("assess", "--model", "../models/torch/pneumonia-torch.pt", "--data", DATA, "--threats", "membership",
                "--defences", "dp-sgd", "--out", out.resolve("t").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("replays the model's recipe privately");
    }

    @Test
    void outputDefencesAreMeasuredAgainstMembershipAndExtraction(@TempDir Path out) throws IOException {
        Path folder = out.resolve("r");
        CliRun run = CliRun.of("assess", "--model", "../models/pneumonia-cnn.json", "--data", DATA, "--threats", "membership,extraction",
                "--defences", "labels-only,rounding", "--samples", "16", "--shadows", "4", "--time", "10s", "--out", folder.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode sections = JSON.readTree(folder.resolve("report.json").toFile()).path("sections");
        List<String> attacks = new ArrayList<>();
        sections.get(0).path("blocks").get(1).path("rows").forEach(r -> attacks.add(r.get(0).asText()));
        assertThat(attacks).containsExactly("loss threshold", "LiRA online, 4 shadows", "loss threshold, labels only", "LiRA online, 4 shadows, labels only",
                "label-only augmentation attack, labels only", "loss threshold, rounded to 2 decimals", "LiRA online, 4 shadows, rounded to 2 decimals", "chance");
        // Labels only: every released row is one-hot, so the loss attack can only tell right from wrong labels.
        JsonNode extraction = sections.get(1).path("blocks").get(2);
        assertThat(extraction.path("caption").asText()).startsWith("The same attack against a service");
        assertThat(extraction.path("rows").get(0).get(0).asText()).isEqualTo("labels only");
    }

    @ParameterizedTest
    @CsvSource({"--time, 5x, --time takes", "--threats, poisoning, unknown threat", "--defences, poisoning, unknown defence", "--defences, labels, unknown defence", "--samples, 3, --samples must be at least",
        "--fail-on, low, --fail-on takes", "--shadows, 5, --shadows must be"})
    void badOptionsExitTwoAndWriteNothing(String option, String value, String message, @TempDir Path out) {
        CliRun bad = CliRun.of("assess", "--model", "../models/pneumonia-cnn.json", "--out", out.resolve("r").toString(), option, value);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(message);
        assertThat(out.resolve("r")).doesNotExist();
    }

    @Test
    void anExistingReportIsKeptWithoutForce() throws IOException {
        String before = Files.readString(report.resolve("report.json"));
        CliRun again = CliRun.of("assess", "--model", "../models/pneumonia-cnn.json", "--out", report.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
        assertThat(Files.readString(report.resolve("report.json"))).isEqualTo(before);
    }

    private static double percent(String cell) {
        return Double.parseDouble(cell.replace("%", ""));
    }

    /** Runs headless Chromium; skips the test when it is absent, except in CI, where it must be installed. */
    private static String chromium(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                fail("chromium is required in CI (.ci/run installs it): " + e.getMessage());
            }
            assumeTrue(false, "chromium is not installed: the browser check is skipped");
            throw e;
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out;
    }
}
