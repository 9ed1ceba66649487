package org.cyberhealth.tabular.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the tests, started once per test run from the Debian package's
 * binaries (/usr/lib/postgresql/N/bin) in a temporary folder, on a free port, and stopped when the JVM
 * exits. PostgreSQL refuses to run as root, so under root it runs as the package's postgres user. Without
 * PostgreSQL the tests skip, except when CI is "true", where they fail: CI must install it.
 */
public final class PostgresServer {

    private static final String USER = "cyberhealth";
    private static String url;

    private PostgresServer() {}

    /** A JDBC URL of a running server's database, or the test is skipped (failed in CI). */
    public static synchronized String jdbcUrl() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    private static String start() {
        Path bin = binaries();
        if (bin == null) {
            unavailable("PostgreSQL server binaries (Debian package postgresql) are not installed");
        }
        try {
            Path folder = Files.createTempDirectory("cyberhealth-pg");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres", folder.toString()));
            }
            int port = freePort();
            Path data = folder.resolve("data");
            run(asServerUser(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER, "--no-sync", "-E", "UTF8"));
            run(asServerUser(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", folder.resolve("log").toString(), "-w",
                    "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, bin, data, folder)));
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
        } catch (IOException e) {
            unavailable("cannot start PostgreSQL: " + e.getMessage());
            return null;
        }
    }

    private static void stop(boolean root, Path bin, Path data, Path folder) {
        try {
            run(asServerUser(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            // A leftover temporary folder is harmless.
        }
    }

    private static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0")))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> asServerUser(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("`" + String.join(" ", command) + "` failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            fail(reason + " (required in CI)");
        }
        assumeTrue(false, reason);
    }
}
