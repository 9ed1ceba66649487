package org.cyberhealth.assess.report;

import java.time.Duration;

/**
 * How much work a report may take: at most {@code samples} images per attack and, when {@code time} is
 * set, about that much wall-clock time in all, shared between the threats. Each threat times a small probe
 * first and takes as many images as its share of the time allows, so a first report on a laptop comes in
 * minutes and a longer budget buys tighter numbers.
 */
public record Budget(int samples, Duration time) {

    /** Images of a probe that times an attack before the budget is shared out. */
    static final int PROBE = 8;

    public Budget {
        if (samples < PROBE) {
            throw new IllegalArgumentException("--samples must be at least " + PROBE + ", got " + samples);
        }
        if (time != null && (time.isNegative() || time.isZero())) {
            throw new IllegalArgumentException("--time must be positive");
        }
    }

    /**
     * The images a step may take when one image costs {@code secondsPerImage} and the step has {@code share}
     * of the time (0 to 1): never more than {@link #samples()} nor than {@code available}, never fewer than
     * the probe.
     */
    int images(double secondsPerImage, double share, int available) {
        int cap = Math.min(samples, available);
        if (time == null || secondsPerImage <= 0) {
            return cap;
        }
        double seconds = time.toMillis() / 1000.0 * share;
        return Math.max(Math.min(PROBE, cap), Math.min(cap, (int) (seconds / secondsPerImage)));
    }

    /** The share of the time budget in seconds, or infinity without one. */
    double seconds(double share) {
        return time == null ? Double.POSITIVE_INFINITY : time.toMillis() / 1000.0 * share;
    }
}
