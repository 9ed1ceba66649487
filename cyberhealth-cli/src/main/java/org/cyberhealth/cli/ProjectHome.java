package org.cyberhealth.cli;

import java.nio.file.Path;

/**
 * The repository the command runs from: $CYBERHEALTH_HOME (the launcher sets it), else the current
 * folder. Bundled samples, trained models and docs/BENCHMARKS.md are found relative to it.
 */
final class ProjectHome {

    private ProjectHome() {}

    static Path path() {
        String home = System.getenv("CYBERHEALTH_HOME");
        return Path.of(home == null ? "." : home);
    }

    /** The Markdown file the benchmark commands update by default. */
    static Path benchmarks() {
        return path().resolve("docs/BENCHMARKS.md");
    }
}
