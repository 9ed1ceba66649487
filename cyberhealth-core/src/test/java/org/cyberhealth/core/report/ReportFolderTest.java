package org.cyberhealth.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report folder: complete or absent, replaced only when asked, and nothing from the inputs becomes markup. */
class ReportFolderTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

    private static Report report(String modelName, String chartName) {
        Section evasion = new Section("evasion", "Evasion", Section.Rating.HIGH, "accuracy falls from 86% to 26% at 4/255",
                List.of(new Block.Paragraph("A change of 4 grey levels <b>flips</b> most diagnoses."),
                        new Block.Table("Accuracy", List.of("eps", "PGD"), List.of(List.of("0", "86.1%"), List.of("4/255", "25.6%"))),
                        new Block.Chart(chartName, "accuracy against eps", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"),
                        new Block.Picture("examples.png", "originals and adversarial images", PNG),
                        new Block.References("MITRE ATLAS", List.of(new Block.Link("AML.T0015", "https://atlas.mitre.org/techniques/AML.T0015")))));
        return new Report("Security assessment", List.of(new Report.Fact("model", modelName)), List.of(evasion));
    }

    @Test
    void theFolderHoldsThePageTheJsonAndEveryFigure(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("report");
        ReportFolder.write(report("pneumonia-cnn", "evasion.svg"), out, false);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("index.html", "report.json", "evasion.svg", "examples.png");
        }
        assertThat(Files.readAllBytes(out.resolve("examples.png"))).isEqualTo(PNG);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<span class=\"rating high\">high risk</span>").contains("<img src=\"examples.png\"")
                .contains("<svg xmlns").contains("<td>25.6%</td>").contains("href=\"#evasion\"");
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(json.path("format").asText()).isEqualTo(JsonReport.FORMAT);
        assertThat(json.path("sections").get(0).path("rating").asText()).isEqualTo("high");
        assertThat(json.path("sections").get(0).path("blocks").get(2).path("file").asText()).isEqualTo("evasion.svg");
        // Nothing else beside the report: the staging folder was renamed, not copied.
        try (Stream<Path> siblings = Files.list(folder)) {
            assertThat(siblings).containsExactly(out);
        }
    }

    @Test
    void textFromTheInputsIsEscapedNeverMarkup(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("report");
        ReportFolder.write(report("<script>alert(1)</script>\" onload=\"x", "evasion.svg"), out, false);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>flips</b>").contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;")
                .contains("&lt;b&gt;flips&lt;/b&gt;");
        assertThatThrownBy(() -> new Block.Link("x", "javascript:alert(1)")).hasMessageContaining("only http(s) links");
        assertThatThrownBy(() -> new Block.Chart("../x.svg", "c", "<svg/>")).hasMessageContaining("file name");
    }

    @Test
    void anExistingFolderIsReplacedOnlyWhenAskedAndAFailureLeavesNothing(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("report");
        ReportFolder.write(report("first", "evasion.svg"), out, false);
        assertThatThrownBy(() -> ReportFolder.write(report("second", "evasion.svg"), out, false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(out.resolve("index.html"))).contains("first");

        // Two figures with one name: the write fails while staging, and the old report stays whole.
        Report clash = new Report("t", List.of(), List.of(new Section("a", "A", Section.Rating.LOW, "r",
                List.of(new Block.Chart("x.svg", "c", "<svg/>"), new Block.Chart("x.svg", "c", "<svg/>")))));
        assertThatThrownBy(() -> ReportFolder.write(clash, out, true)).hasMessageContaining("both named x.svg");
        assertThat(Files.readString(out.resolve("index.html"))).contains("first");

        ReportFolder.write(report("second", "evasion.svg"), out, true);
        assertThat(Files.readString(out.resolve("index.html"))).contains("second");
        try (Stream<Path> siblings = Files.list(folder)) {
            assertThat(siblings).containsExactly(out);
        }
    }
}
