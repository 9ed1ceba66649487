package org.cyberhealth.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-line progress bar on the terminal for batch work. It draws only when a person is watching (a
 * console is attached) so that logs and pipes stay clean, and redraws at most ten times a second.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final int FRACTION_STEPS = 1000;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean enabled;
    private final boolean fractional;
    private final AtomicInteger done = new AtomicInteger();
    private final long started = System.nanoTime();
    private volatile long lastDraw;

    ProgressBar(PrintWriter err, String label, int total, boolean enabled) {
        this(err, label, total, enabled, false);
    }

    private ProgressBar(PrintWriter err, String label, int total, boolean enabled, boolean fractional) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled && System.console() != null && total > 1;
        this.fractional = fractional;
    }

    /** A bar for work measured as a fraction (streaming a table): call {@link #reach} as it goes. */
    static ProgressBar ofFraction(PrintWriter err, String label, boolean enabled) {
        return new ProgressBar(err, label, FRACTION_STEPS, enabled, true);
    }

    /** Moves a fraction bar to {@code fraction} (0 to 1; negative when unknown, which draws nothing). */
    void reach(double fraction) {
        if (fraction >= 0) {
            done.set((int) Math.min(FRACTION_STEPS, Math.round(fraction * FRACTION_STEPS)));
            redraw(done.get());
        }
    }

    void step() {
        redraw(done.incrementAndGet());
    }

    private void redraw(int n) {
        long now = System.nanoTime();
        if (enabled && (n == total || now - lastDraw > 100_000_000L)) {
            lastDraw = now;
            draw(n, now);
        }
    }

    private synchronized void draw(int n, long now) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * n / total);
        double seconds = (now - started) / 1e9;
        if (fractional) {
            err.printf("\r%s [%s%s] %3d%%  %.1f s", label, "#".repeat(filled), ".".repeat(WIDTH - filled), n / 10, seconds);
        } else {
            err.printf("\r%s [%s%s] %d/%d  %.1f s", label, "#".repeat(filled), ".".repeat(WIDTH - filled), n, total, seconds);
        }
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
