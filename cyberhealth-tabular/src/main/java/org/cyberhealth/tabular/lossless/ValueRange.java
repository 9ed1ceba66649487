package org.cyberhealth.tabular.lossless;

import org.cyberhealth.core.BadInputException;

/**
 * The attribute's range, in units of its last declared digit (0.1 for a decimal of scale 1), that is laid
 * around the circle. Detection and restoration need the same range as embedding (a leaker who deletes
 * the extreme rows must not move the circle), so it is a parameter of the mark, measured once from the
 * original table by {@link RangeSurvey} or declared from the attribute's domain (e.g. ages 0 to 120).
 */
public record ValueRange(long lowest, long highest) {

    /** Bounds that keep every position and every rotated value exact in a {@code long}. */
    static final long LIMIT = 1_000_000_000_000_000L;

    public ValueRange {
        if (lowest > highest) {
            throw new BadInputException("the value range is empty: lowest " + lowest + " is above highest " + highest);
        }
        if (lowest < -LIMIT || highest > LIMIT) {
            throw new BadInputException("the value range must lie within +/-" + LIMIT + " units, got [" + lowest + ", " + highest + "]");
        }
    }

    /** The number of distinct values in the range. */
    public long width() {
        return highest - lowest + 1;
    }

    public boolean contains(long units) {
        return units >= lowest && units <= highest;
    }
}
