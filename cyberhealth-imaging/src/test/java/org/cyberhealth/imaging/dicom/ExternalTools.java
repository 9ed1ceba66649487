package org.cyberhealth.imaging.dicom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the tests find external tools and the shared data folder. A missing tool skips the test, except
 * when the environment variable CI is "true", where it fails: CI is expected to have every tool. The
 * shared data folder is located by CYBERHEALTH_SHARED_DATA (set by surefire; the system property
 * cyberhealth.shared.data overrides it for a worktree outside the usual layout); without it the test skips.
 */
final class ExternalTools {

    private ExternalTools() {
    }

    /** The shared data folder's {@code relative} sub-folder, or the test is skipped. */
    static Path sharedData(String relative) {
        String root = System.getProperty("cyberhealth.shared.data", System.getenv("CYBERHEALTH_SHARED_DATA"));
        Path folder = root == null ? null : Path.of(root).resolve(relative);
        assumeTrue(folder != null && Files.isDirectory(folder),
                "shared data folder " + (folder == null ? "(CYBERHEALTH_SHARED_DATA unset)" : folder) + " is absent");
        return folder;
    }

    /** Skips (or, in CI, fails) unless {@code command} runs and exits with 0. */
    static void requireTool(String description, String... command) {
        boolean present;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            present = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(description + " is required in CI but `" + String.join(" ", List.of(command)) + "` failed");
        }
        assumeTrue(present, description + " is not available (`" + String.join(" ", List.of(command)) + "` failed)");
    }
}
