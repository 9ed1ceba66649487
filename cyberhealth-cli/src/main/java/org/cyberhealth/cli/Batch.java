package org.cyberhealth.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.CyberHealthException;

/**
 * Runs one operation over a file or a whole folder tree (a study), in parallel on all cores, with a
 * progress bar; outputs mirror the input tree. One file's failure is reported and does not stop the
 * others. Inputs are never written: an output that resolves to an input is refused.
 */
final class Batch {

    /** The operation on one file; {@code output} is null for operations that write nothing. */
    @FunctionalInterface
    interface FileOperation {
        FileOutcome apply(Path input, Path output);
    }

    /** What happened to one file: its exit code (0, 1 or 2), a line for people and fields for JSON. */
    record FileOutcome(Path file, int exitCode, String line, Object json) {}

    private Batch() {}

    /**
     * Lists the files to process: {@code input} itself, or every regular file under it accepted by
     * {@code accept}, in a stable order.
     */
    static List<Path> inputs(Path input, java.util.function.Predicate<Path> accept) {
        if (!Files.exists(input)) {
            throw new BadInputException("input " + input + " does not exist");
        }
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(accept).sorted().toList();
            if (files.isEmpty()) {
                throw new BadInputException("no image files found under " + input);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
        }
    }

    /** Where the output for {@code file} goes: {@code output} itself for a single file, else the mirrored path. */
    static Path outputFor(Path input, Path file, Path output) {
        if (output == null) {
            return null;
        }
        if (Files.isRegularFile(input)) {
            return output;
        }
        return output.resolve(input.relativize(file).toString());
    }

    /** Refuses an output that would overwrite (or live inside) the input. */
    static void checkOutputIsNotInput(Path input, Path output) {
        if (output == null) {
            return;
        }
        Path in = input.toAbsolutePath().normalize();
        Path out = output.toAbsolutePath().normalize();
        if (out.equals(in) || (Files.isDirectory(in) && out.startsWith(in))) {
            throw new BadInputException("the output " + output + " must not be the input or lie inside it");
        }
        if (Files.isDirectory(in) && Files.isRegularFile(out)) {
            throw new BadInputException("the input is a folder, so the output " + output + " must be a folder too");
        }
    }

    /** Runs {@code operation} on every file, in parallel, and returns the outcomes in input order. */
    static List<FileOutcome> run(Path input, List<Path> files, Path output, FileOperation operation, PrintWriter err,
            String label, boolean progress) {
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ProgressBar bar = new ProgressBar(err, label, files.size(), progress)) {
            List<Future<FileOutcome>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    try {
                        return runOne(operation, file, outputFor(input, file, output));
                    } finally {
                        bar.step();
                    }
                }));
            }
            List<FileOutcome> outcomes = new ArrayList<>();
            for (Future<FileOutcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CyberHealthException(CyberHealthException.BAD_INPUT, "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static FileOutcome runOne(FileOperation operation, Path file, Path output) {
        try {
            return operation.apply(file, output);
        } catch (CyberHealthException e) {
            return new FileOutcome(file, e.exitCode(), file + ": error: " + e.getMessage(),
                    JsonOutput.object("file", file.toString(), "error", e.getMessage()));
        } catch (UncheckedIOException e) {
            return new FileOutcome(file, CyberHealthException.BAD_INPUT, file + ": error: " + e.getMessage(),
                    JsonOutput.object("file", file.toString(), "error", e.getMessage()));
        }
    }

    /** The batch's exit code: the worst of its files (2 beats 1 beats 0). */
    static int exitCode(List<FileOutcome> outcomes) {
        return outcomes.stream().mapToInt(FileOutcome::exitCode).max().orElse(0);
    }
}
