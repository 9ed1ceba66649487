package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyberhealth.he.nn.HeModel;
import org.cyberhealth.he.nn.HeModelFile;
import org.cyberhealth.he.nn.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** he serve and he predict end to end: the predictions decrypted by the client equal the plain model's. */
class HeCommandTest {

    @TempDir
    Path dir;

    @Test
    void servePredictAndCompareWithThePlainModel() throws Exception {
        Random random = new Random(5);
        double[][] w = new double[2][3];
        for (double[] row : w) {
            for (int i = 0; i < 3; i++) {
                row[i] = random.nextGaussian();
            }
        }
        HeModel model = new HeModel(List.of(new Layer.Affine(w, new double[] {0.1, -0.2}), new Layer.Polynomial(2, new double[] {0, 1, 0.5})));
        HeModelFile.Described described = new HeModelFile.Described("toy", model, new double[] {1, 1, 1}, new double[] {2, 2, 2}, List.of("low", "high"));
        Path modelFile = dir.resolve("toy.he.json");
        HeModelFile.write(described, modelFile, false);
        StringBuilder csv = new StringBuilder("a,b,c\n");
        double[][] samples = new double[20][3];
        for (double[] s : samples) {
            for (int i = 0; i < 3; i++) {
                s[i] = 1 + 2 * random.nextGaussian();
            }
            csv.append(s[0]).append(',').append(s[1]).append(',').append(s[2]).append('\n');
        }
        Path input = Files.writeString(dir.resolve("samples.csv"), csv);

        StringWriter serveOut = new StringWriter();
        Thread server = new Thread(() -> {
            CommandLine cl = Cli.commandLine();
            cl.setOut(new PrintWriter(serveOut, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            cl.execute("he", "serve", "--model", modelFile.toString(), "--port", "0");
        });
        server.setDaemon(true);
        server.start();
        Matcher address = null;
        for (int i = 0; i < 200 && (address == null || !address.find()); i++) {
            Thread.sleep(50);
            address = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)").matcher(serveOut.toString());
        }
        assertThat(serveOut.toString()).contains("serving model toy");
        address.reset();
        assertThat(address.find()).isTrue();
        try {
            Path out = dir.resolve("predictions.csv");
            CliRun run = CliRun.of("he", "predict", "--server", address.group(1), input.toString(), "--out", out.toString(), "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.path("samples").asInt()).isEqualTo(20);
            List<String> lines = Files.readAllLines(out);
            assertThat(lines.get(0)).isEqualTo("row,low,high");
            for (int r = 0; r < samples.length; r++) {
                double[] expected = model.predict(described.standardise(samples[r]));
                String[] cells = lines.get(r + 1).split(",");
                assertThat(Double.parseDouble(cells[1])).isCloseTo(expected[0], org.assertj.core.api.Assertions.within(1e-4));
                assertThat(Double.parseDouble(cells[2])).isCloseTo(expected[1], org.assertj.core.api.Assertions.within(1e-4));
            }
            CliRun missing = CliRun.of("he", "predict", "--server", address.group(1), input.toString(), "--columns", "a,b,zzz");
            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.err()).contains("has no column zzz");
        } finally {
            server.interrupt();
        }
    }
}
