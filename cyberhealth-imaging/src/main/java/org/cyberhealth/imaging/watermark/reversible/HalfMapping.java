package org.cyberhealth.imaging.watermark.reversible;

/**
 * How one side of the prediction-error histogram (the errors {@code e >= 0}; the negative side is
 * mirrored by {@link MirroredExpansion}) is modified:
 * <ul>
 *   <li>{@code NONE}: left alone, carries nothing, costs nothing;</li>
 *   <li>{@code BIN t}: histogram shifting with one expansion bin (Li et al. 2015): {@code t} carries a bit
 *       ({@code t + b}), larger errors move up by one, smaller ones stay;</li>
 *   <li>{@code THRESHOLD t}: prediction-error expansion (Sachnev et al. 2009): {@code e <= t} becomes
 *       {@code 2e + b}, larger errors move up by {@code t + 1}.</li>
 * </ul>
 * All three are one map: errors below {@code from} stay, those in {@code [from, to]} are expanded
 * ({@code e -> 2e - from + b}), those above move up by {@code to - from + 1}. A bin is {@code from = to = t},
 * a threshold {@code from = 0, to = t}, and NONE expands nothing; so marking and restoring are a few
 * comparisons, which every sample of every walk pays.
 */
final class HalfMapping {

    enum Mode { NONE, BIN, THRESHOLD }

    static final HalfMapping NONE = new HalfMapping(Mode.NONE, 0);

    private final Mode mode;
    private final int t;
    /** The expanded errors are {@code [from, to]}; for NONE the interval lies beyond every error. */
    private final int from;
    private final int to;
    /** The largest marked value of an expanded error, {@code 2 to - from + 1} (a long: for NONE it is huge). */
    private final long expandedEnd;

    private HalfMapping(Mode mode, int t) {
        if (t < 0 || t > MAX_PARAMETER) {
            throw new IllegalArgumentException("parameter " + t);
        }
        this.mode = mode;
        this.t = t;
        this.from = mode == Mode.THRESHOLD ? 0 : mode == Mode.BIN ? t : Integer.MAX_VALUE;
        this.to = mode == Mode.NONE ? Integer.MAX_VALUE - 1 : t;
        this.expandedEnd = 2L * to - from + 1;
    }

    /** Larger parameters would shift errors beyond the int range; the optimizer uses at most 64. */
    private static final int MAX_PARAMETER = 1 << 24;

    static HalfMapping bin(int t) {
        return new HalfMapping(Mode.BIN, t);
    }

    static HalfMapping threshold(int t) {
        return new HalfMapping(Mode.THRESHOLD, t);
    }

    Mode mode() {
        return mode;
    }

    int t() {
        return t;
    }

    int mark(int e, int bit) {
        return e < from ? e : e <= to ? 2 * e - from + bit : e + to - from + 1;
    }

    /** Errors below this one are left as they are (for NONE, every error). */
    int keptBelow() {
        return from;
    }

    boolean carries(int e) {
        return e >= from && e <= to;
    }

    int restore(int m) {
        if (m < from) {
            return m;
        }
        return m <= expandedEnd ? (m + from) >> 1 : m - (to - from + 1);
    }

    int bit(int m) {
        return m >= from && m <= expandedEnd ? (m + from) & 1 : -1;
    }

    /** From this error on, every error is shifted by {@link #maxShift} and carries nothing (0 for NONE: none moves). */
    int reach() {
        return mode == Mode.NONE ? 0 : t + 1;
    }

    /** How far {@link #mark} can move an error: nothing, one, or {@code t + 1} (expanded or shifted). */
    long maxShift() {
        return (long) to - from + 1;
    }

    /**
     * Code word (Elias gamma coded in the side information, so small codes are short): 1 for
     * {@code BIN 0} (which is the same mapping as {@code THRESHOLD 0}), 2 for {@code NONE}, then
     * {@code 2t + 1} for {@code BIN t} and {@code 2t + 2} for {@code THRESHOLD t}. The mapping small
     * payloads use most, bin 0 on both sides, costs two bits, as Sachnev's thresholds (-1, 0) do.
     */
    int code() {
        if (mode == Mode.NONE) {
            return 2;
        }
        return t == 0 ? 1 : 2 * t + (mode == Mode.BIN ? 1 : 2);
    }

    static HalfMapping ofCode(int code) {
        if (code == 1) {
            return bin(0);
        }
        if (code == 2) {
            return NONE;
        }
        return (code & 1) == 1 ? bin((code - 1) >> 1) : threshold((code - 2) >> 1);
    }
}
