package org.cyberhealth.tabular.lossless;

import org.cyberhealth.core.BadInputException;

/**
 * The settings of one lossless mark, needed again, unchanged, to detect it and to restore the original.
 * None of them is secret (the key is).
 *
 * @param groups the number of tuple groups N_g; each group carries one bit, so the message is repeated
 *     {@code groups / messageLength} times
 * @param shift Delta: how far, in units of the attribute's last declared digit, each value of a group is
 *     moved; the two sub-groups' histograms turn by the angle {@code 2 pi shift / positions} in opposite
 *     directions, so their relative angle turns by {@link #rotation()}
 * @param range the values laid around the circle
 * @param ends what happens to a value rotated past an end of the range
 * @param messageLength the number of message bits
 */
public record LosslessParameters(int groups, long shift, ValueRange range, RangeEnds ends, int messageLength) {

    /**
     * Defaults at the scale of the paper's experiments (about a million hospital stays, the age in years
     * as carrier): a thousand groups, 500 stays a sub-group, and a shift of 3 years, for which the
     * central-limit model expects nearly every group to carry a bit. Other tables and attributes need
     * their own: {@link ParameterAdvisor} computes them.
     */
    public static final int DEFAULT_GROUPS = 1000;
    public static final long DEFAULT_SHIFT = 3;
    /** Embedding holds about 130 bytes a group: 26 MB at most. */
    public static final int MAX_GROUPS = 200_000;
    public static final long MAX_SHIFT = 1L << 20;
    /**
     * The relative-angle zones (carriers within twice the rotation, side information beyond pi minus the
     * rotation) stay apart only when the rotation is well below a third of a turn.
     */
    static final int MIN_POSITIONS_PER_SHIFT = 16;

    public LosslessParameters {
        if (groups < 1 || groups > MAX_GROUPS) {
            throw new BadInputException("the number of groups must be between 1 and " + MAX_GROUPS + ", got " + groups);
        }
        if (shift < 1 || shift > MAX_SHIFT) {
            throw new BadInputException("the shift must be between 1 and " + MAX_SHIFT + " units, got " + shift);
        }
        if (range == null || ends == null) {
            throw new BadInputException("the lossless mark needs the value range and what to do at its ends");
        }
        if (messageLength < 1 || messageLength > groups) {
            throw new BadInputException("the message must have between 1 and " + groups + " bits (one group carries one bit), got " + messageLength);
        }
        long positions = range.width() + (ends == RangeEnds.EXTEND ? shift : 0);
        if (positions < MIN_POSITIONS_PER_SHIFT * shift) {
            throw new BadInputException("a shift of " + shift + " units is too large for a range of " + range.width()
                    + " values: the circle needs at least " + MIN_POSITIONS_PER_SHIFT + " positions per unit of shift (use a shift of at most "
                    + Math.max(1, range.width() / MIN_POSITIONS_PER_SHIFT) + ")");
        }
    }

    /** {@link #DEFAULT_GROUPS} and {@link #DEFAULT_SHIFT}, wrapping as in the paper, for this attribute's range. */
    public static LosslessParameters defaults(ValueRange range, int messageLength) {
        return new LosslessParameters(DEFAULT_GROUPS, DEFAULT_SHIFT, range, RangeEnds.WRAP, messageLength);
    }

    /** The number of positions around the circle (the range, plus the empty arc of {@link RangeEnds#EXTEND}). */
    public long positions() {
        return range.width() + (ends == RangeEnds.EXTEND ? shift : 0);
    }

    /** How far embedding turns a group's relative angle: twice the rotation of each sub-group, in radians. */
    public double rotation() {
        return 2 * (2 * Math.PI * shift / positions());
    }
}
