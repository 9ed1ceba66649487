package org.cyberhealth.imaging.watermark.reversible;

/**
 * Prediction-error expansion with two thresholds, as in Sachnev et al. (2009), eqs. (6)-(7): errors in
 * {@code [tn, tp]} become {@code 2e + b}; larger errors are shifted by {@code tp + 1}, smaller ones by
 * {@code tn}, so expanded and shifted ranges never overlap.
 */
final class ThresholdExpansion implements ErrorExpansion {

    private final int tn;
    private final int tp;

    ThresholdExpansion(int tn, int tp) {
        if (tn > 0 || tp < 0) {
            throw new IllegalArgumentException("thresholds " + tn + ", " + tp);
        }
        this.tn = tn;
        this.tp = tp;
    }

    int tn() {
        return tn;
    }

    int tp() {
        return tp;
    }

    @Override
    public int mark(int e, int bit) {
        if (e > tp) {
            return e + tp + 1;
        }
        if (e < tn) {
            return e + tn;
        }
        return 2 * e + bit;
    }

    @Override
    public boolean carries(int e) {
        return e >= tn && e <= tp;
    }

    @Override
    public int restore(int marked) {
        if (marked > 2 * tp + 1) {
            return marked - tp - 1;
        }
        if (marked < 2 * tn) {
            return marked - tn;
        }
        return marked >> 1;
    }

    @Override
    public int bit(int marked) {
        return marked > 2 * tp + 1 || marked < 2 * tn ? -1 : marked & 1;
    }

    @Override
    public int maxIncrease() {
        return tp + 1;
    }

    @Override
    public int maxDecrease() {
        return -tn;
    }
}
