package org.cyberhealth.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.cyberhealth.core.BadInputException;

/**
 * Writes a report as a folder: {@code index.html}, {@code report.json} and every chart and picture as a
 * file. The folder is built under a temporary name beside the target and renamed into place at the end,
 * so a reader never finds half a report; an existing folder is replaced only when asked.
 */
public final class ReportFolder {

    private ReportFolder() {}

    public static void write(Report report, Path target, boolean overwrite) {
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !overwrite) {
            throw new BadInputException("output " + target + " already exists (use --force to replace it)");
        }
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new BadInputException("output " + target + " is a file, not a report folder");
        }
        Path parent = absolute.getParent();
        Path staging = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".");
            fill(report, staging);
            if (Files.exists(absolute)) {
                old = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".old.");
                Files.delete(old);
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
            deleteTree(old);
        }
    }

    private static void fill(Report report, Path folder) throws IOException {
        Set<String> names = new HashSet<>();
        for (Section section : report.sections()) {
            for (Block block : section.blocks()) {
                if (block instanceof Block.Chart c) {
                    claim(names, c.name());
                    Files.writeString(folder.resolve(c.name()), c.svg(), StandardCharsets.UTF_8);
                } else if (block instanceof Block.Picture p) {
                    claim(names, p.name());
                    Files.write(folder.resolve(p.name()), p.png());
                }
            }
        }
        Files.writeString(folder.resolve("index.html"), HtmlReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("report.json"), JsonReport.render(report).toPrettyString() + "\n", StandardCharsets.UTF_8);
    }

    private static void claim(Set<String> names, String name) {
        if (!names.add(name) || name.equals("index.html") || name.equals("report.json")) {
            throw new IllegalArgumentException("two figures of the report are both named " + name);
        }
    }

    private static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException ignored) {
                    // A leftover hidden temporary folder is harmless; its name says what it is.
                }
            });
        } catch (IOException ignored) {
            // As above.
        }
    }
}
