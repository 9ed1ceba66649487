package org.cyberhealth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.ImageDocument;
import org.cyberhealth.imaging.ImageDocuments;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.attack.JpegRecompression;
import org.cyberhealth.imaging.attack.Windowing;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.io.PlainImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cyberhealth demo}: the main job end to end on the bundled sample CT study, by running the
 * same commands a user types, each printed before it runs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the main job on the bundled sample CT study: create a key, mark the study for a recipient,",
            "verify it, tamper with one pixel, verify again (the change is found and located), restore the originals",
            "byte for byte, and trace a leaked, windowed JPEG copy back to the recipient. Then the same for a database",
            "table: fingerprint an OMOP lab-results table for four teams, let two of them merge their copies and leak",
            "10%% of the rows, and trace the leak back to both. Last, a security report on the reference pneumonia",
            "model (evasion, membership inference, extraction) in 30 seconds."},
        footer = {"", "Example:", "  cyberhealth demo --out demo-output"})
final class DemoCommand implements Callable<Integer> {

    /** Level 40 HU in the stored units of the sample study (rescale intercept -1024). */
    private static final double SOFT_TISSUE_LEVEL = 40 + 1024;

    @Option(names = "--study", description = "Folder of DICOM files to use (default: the bundled samples/ct-study).")
    Path study;

    @Option(names = "--out", defaultValue = "demo-output", description = "Folder for everything the demo writes (default: ${DEFAULT-VALUE}); replaced if it exists.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path input = study != null ? study : bundledStudy();
        PrintWriter w = spec.commandLine().getOut();
        clean(out);
        Files.createDirectories(out);
        Path key = out.resolve("hospital.key");
        Path pub = out.resolve("hospital.pub");
        Path marked = out.resolve("marked");
        int failures = 0;
        failures += expect(0, w, "keys", "new", "--issuer", "St. Example Hospital", "--out", key.toString());
        failures += expect(0, w, "keys", "public", key.toString(), "--out", pub.toString());
        failures += expect(0, w, "image", "mark", input.toString(), "--key", key.toString(), "--recipient", "research-lab-42",
                "--purpose", "liver segmentation study", "--out", marked.toString());
        failures += expect(0, w, "image", "verify", marked.toString(), "--key", pub.toString());

        Path first = firstFile(marked);
        Path tampered = out.resolve("tampered").resolve(first.getFileName());
        changeOnePixel(first, tampered, w);
        failures += expect(1, w, "image", "verify", tampered.toString(), "--key", key.toString(),
                "--tamper-map", out.resolve("tamper-map.png").toString());

        Path restored = out.resolve("restored");
        failures += expect(0, w, "image", "restore", marked.toString(), "--key", key.toString(), "--out", restored.toString());
        failures += compareBytes(input, restored, w);

        Path leaked = out.resolve("leaked.png");
        leakWindowedJpeg(first, leaked, w);
        failures += expect(0, w, "image", "trace", leaked.toString(), "--key", key.toString());
        failures += tableDemo(w, key);
        failures += expect(0, w, "assess", "--model", "pneumonia-cnn", "--out", out.resolve("assessment").toString(), "--time", "30s");
        w.println(failures == 0 ? "demo: every step gave the expected result" : "demo: " + failures + " step(s) did not give the expected result");
        return failures == 0 ? 0 : 1;
    }

    /**
     * The database side: four research teams receive fingerprinted copies of a lab-results table; two of
     * them merge their copies, drop 90% of the rows and leak the rest; trace names them.
     */
    private int tableDemo(PrintWriter w, Path key) {
        Path table = bundled("omop/measurement.csv");
        Path tables = out.resolve("tables");
        Path schema = tables.resolve("measurement.schema.json");
        int failures = expect(0, w, "table", "profile", table.toString(), "--out", schema.toString());
        for (int team = 1; team <= 4; team++) {
            failures += expect(0, w, "table", "mark", table.toString(), "--schema", schema.toString(), "--key", key.toString(),
                    "--recipient", "team-" + team, "--out", tables.resolve("team-" + team + ".csv").toString());
        }
        failures += expect(0, w, "table", "utility", table.toString(), tables.resolve("team-1.csv").toString(), "--schema", schema.toString());
        Path merged = tables.resolve("merged.csv");
        Path leaked = tables.resolve("leaked.csv");
        failures += expect(0, w, "table", "attack", tables.resolve("team-2.csv").toString(), "--attack", "collude",
                "--with", tables.resolve("team-4.csv").toString(), "--strategy", "majority", "--out", merged.toString());
        failures += expect(0, w, "table", "attack", merged.toString(), "--attack", "delete", "--fraction", "0.9", "--out", leaked.toString());
        failures += expect(0, w, "table", "detect", leaked.toString(), "--key", key.toString());
        failures += expect(0, w, "table", "trace", leaked.toString(), "--key", key.toString());
        return failures;
    }

    private int expect(int expectedExit, PrintWriter w, String... args) {
        w.println();
        w.println("$ cyberhealth " + String.join(" ", quoted(args)));
        w.flush();
        int exit = Cli.commandLine().execute(args);
        if (exit != expectedExit) {
            w.println("  (unexpected exit code " + exit + ", expected " + expectedExit + ")");
            return 1;
        }
        return 0;
    }

    private static void changeOnePixel(Path source, Path target, PrintWriter w) {
        ImageDocument doc = ImageDocuments.open(source);
        Raster r = doc.raster();
        int x = r.width() * 3 / 5;
        int y = doc.planeRows() * 2 / 5;
        int v = r.get(x, y);
        r.set(x, y, v < r.maxValue() ? v + 1 : v - 1);
        doc.write(r, target, false);
        w.println();
        w.println("# an attacker changes one pixel, at x=" + x + " y=" + y + ", by one gray level: " + target);
    }

    private static void leakWindowedJpeg(Path source, Path target, PrintWriter w) {
        ImageDocument doc = ImageDocuments.open(source);
        Raster eightBit = new Windowing(SOFT_TISSUE_LEVEL, 400, "soft tissue").apply(doc.raster());
        Raster jpeg = new JpegRecompression(75).apply(eightBit);
        ImageFiles.write(PlainImage.gray(jpeg), target, false);
        w.println();
        w.println("# a recipient leaks a soft-tissue windowed (W400 L40), 8-bit copy, JPEG-compressed at quality 75: " + target);
    }

    private static int compareBytes(Path originals, Path restored, PrintWriter w) throws IOException {
        int mismatches = 0;
        List<Path> files = listFiles(originals);
        for (Path original : files) {
            Path copy = restored.resolve(originals.relativize(original).toString());
            if (Files.exists(copy) && Files.mismatch(original, copy) != -1) {
                mismatches++;
            }
        }
        w.println();
        w.println("# compare restored files with the originals, byte for byte: "
                + (mismatches == 0 ? "all " + files.size() + " identical" : mismatches + " differ"));
        return mismatches == 0 ? 0 : 1;
    }

    private static Path firstFile(Path folder) {
        List<Path> files = listFiles(folder);
        if (files.isEmpty()) {
            throw new BadInputException("nothing was marked in " + folder);
        }
        return files.get(0);
    }

    private static List<Path> listFiles(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(ImageDocuments::isImageFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path bundledStudy() {
        return bundled("ct-study");
    }

    private static Path bundled(String sample) {
        Path candidate = ProjectHome.path().resolve("samples").resolve(sample);
        if (!Files.exists(candidate)) {
            throw new BadInputException("the sample " + candidate + " is missing (run the demo from the repository root)");
        }
        return candidate;
    }

    private static void clean(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.exists(folder.resolve("hospital.key"))) {
            throw new BadInputException(folder + " exists and is not a demo output folder; choose another --out");
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<String> quoted(String... args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.contains(" ") ? "\"" + a + "\"" : a);
        }
        return out;
    }
}
