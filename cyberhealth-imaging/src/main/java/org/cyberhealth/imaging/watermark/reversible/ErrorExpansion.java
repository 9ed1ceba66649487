package org.cyberhealth.imaging.watermark.reversible;

/**
 * How a prediction-error expansion scheme maps a prediction error {@code e} to a marked error: some
 * errors carry one bit (they are expanded), the others are shifted or left alone so that the mapping
 * stays invertible.
 */
interface ErrorExpansion {

    /** The marked error for error {@code e}; {@code bit} only matters when {@link #carries} holds. */
    int mark(int e, int bit);

    /**
     * How a carried 1 moves the marked error: +1 or -1 (away from zero), or 0 when {@code e} carries
     * nothing; {@code mark(e, bit) == mark(e, 0) + bit * carryStep(e)}.
     */
    int carryStep(int e);

    default boolean carries(int e) {
        return carryStep(e) != 0;
    }

    /** The original error behind marked error {@code marked}. */
    int restore(int marked);

    /** The bit that marked error {@code marked} carries, or -1 if it carries none. */
    int bit(int marked);

    /**
     * An upper bound on {@code |mark(e, bit) - e|} over all errors and bits: how far marking can move a
     * sample. Marking moves an error away from zero, never towards or across it ({@code mark(e, bit) >= e}
     * for {@code e >= 0}, {@code <= e} otherwise), so only the range limit on that side can be crossed.
     */
    long maxShift();

    /**
     * The errors from {@code keptLow()} to {@link #keptHigh} (none when it is the larger) are marked as
     * themselves whatever the bit: they carry nothing and never leave the range, so a walk passes over
     * them (at a block's small payloads, most of the samples it walks).
     */
    int keptLow();

    /** See {@link #keptLow}. */
    int keptHigh();
}
