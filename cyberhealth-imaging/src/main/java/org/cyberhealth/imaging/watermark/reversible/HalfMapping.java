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
 */
final class HalfMapping {

    enum Mode { NONE, BIN, THRESHOLD }

    static final HalfMapping NONE = new HalfMapping(Mode.NONE, 0);

    private final Mode mode;
    private final int t;

    private HalfMapping(Mode mode, int t) {
        if (t < 0) {
            throw new IllegalArgumentException("parameter " + t);
        }
        this.mode = mode;
        this.t = t;
    }

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
        switch (mode) {
            case BIN:
                return e < t ? e : e == t ? t + bit : e + 1;
            case THRESHOLD:
                return e <= t ? 2 * e + bit : e + t + 1;
            default:
                return e;
        }
    }

    boolean carries(int e) {
        switch (mode) {
            case BIN:
                return e == t;
            case THRESHOLD:
                return e <= t;
            default:
                return false;
        }
    }

    int restore(int m) {
        switch (mode) {
            case BIN:
                return m <= t ? m : m == t + 1 ? t : m - 1;
            case THRESHOLD:
                return m <= 2 * t + 1 ? m >> 1 : m - t - 1;
            default:
                return m;
        }
    }

    int bit(int m) {
        switch (mode) {
            case BIN:
                return m == t ? 0 : m == t + 1 ? 1 : -1;
            case THRESHOLD:
                return m <= 2 * t + 1 ? m & 1 : -1;
            default:
                return -1;
        }
    }

    /** How far {@link #mark} can move an error: nothing, one, or {@code t + 1} (expanded or shifted). */
    long maxShift() {
        switch (mode) {
            case BIN:
                return 1;
            case THRESHOLD:
                return t + 1L;
            default:
                return 0;
        }
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
