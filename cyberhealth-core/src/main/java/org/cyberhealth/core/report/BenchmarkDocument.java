package org.cyberhealth.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cyberhealth.core.io.AtomicOutput;

/**
 * Keeps docs/BENCHMARKS.md: each benchmark command owns one section between marker comments and
 * replaces only that section, stamped with the machine, the date and the command that produced it, so
 * that every number in the file can be traced to a rerunnable command.
 */
public final class BenchmarkDocument {

    private BenchmarkDocument() {}

    /** Replaces (or appends) section {@code name} of {@code file} with {@code title} and {@code body}. */
    public static void writeSection(Path file, String name, String title, String command, String body) {
        String begin = "<!-- bench:" + name + ":begin -->";
        String end = "<!-- bench:" + name + ":end -->";
        String section = begin + "\n## " + title + "\n\n"
                + "Produced by `" + command + "` on " + LocalDate.now(ZoneOffset.UTC) + ", " + machine() + ".\n\n"
                + body.strip() + "\n" + end;
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
            int b = text.indexOf(begin);
            int e = text.indexOf(end);
            String updated = b >= 0 && e > b
                    ? text.substring(0, b) + section + text.substring(e + end.length())
                    : text.stripTrailing() + "\n\n" + section + "\n";
            AtomicOutput.write(file, true, updated.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot update " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** A one-line description of this machine: CPU model, cores, memory, Java. */
    public static String machine() {
        String cpu = System.getProperty("os.arch");
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            }
        } catch (IOException ignored) {
            // The architecture name is a fine fallback.
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format("%s, %d cores, %d GiB, Java %s", cpu, Runtime.getRuntime().availableProcessors(),
                Math.round(memory / (1024.0 * 1024 * 1024)), System.getProperty("java.version"));
    }
}
