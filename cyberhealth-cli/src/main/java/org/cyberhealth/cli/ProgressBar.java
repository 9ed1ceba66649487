package org.cyberhealth.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-line progress bar on the terminal for batch work. It draws only when a person is watching (a
 * console is attached) so that logs and pipes stay clean, and redraws at most ten times a second.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean enabled;
    private final AtomicInteger done = new AtomicInteger();
    private final long started = System.nanoTime();
    private volatile long lastDraw;

    ProgressBar(PrintWriter err, String label, int total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled && System.console() != null && total > 1;
    }

    void step() {
        int n = done.incrementAndGet();
        long now = System.nanoTime();
        if (enabled && (n == total || now - lastDraw > 100_000_000L)) {
            lastDraw = now;
            draw(n, now);
        }
    }

    private synchronized void draw(int n, long now) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * n / total);
        double seconds = (now - started) / 1e9;
        err.printf("\r%s [%s%s] %d/%d  %.1f s", label, "#".repeat(filled), ".".repeat(WIDTH - filled), n, total, seconds);
        err.flush();
    }

    @Override
    public void close() {
        if (enabled) {
            err.println();
            err.flush();
        }
    }
}
