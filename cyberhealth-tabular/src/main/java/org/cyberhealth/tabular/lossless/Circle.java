package org.cyberhealth.tabular.lossless;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The attribute's values laid around a circle of {@code L} positions (Franco-Contreras et al., section
 * II: value {@code l} sits at angle {@code 2 pi l / L}), and the rotation that moves a sub-group's whole
 * histogram by {@code shift} positions, which turns its centre of mass by exactly {@code 2 pi shift / L}.
 *
 * <p>The centre of mass is summed from each value's cosine and sine rounded to multiples of 2^-30: sums
 * of integers are exact and do not depend on the order of the rows, so the reader of a marked table
 * computes bit for bit the angles the embedder predicted for it, even after the rows were reordered. The
 * trigonometric functions come from {@link StrictMath}, whose results are the same on every JVM.
 */
final class Circle {

    /** The scale of the rounded cosines and sines: a sub-group may hold up to 2^32 values without overflow. */
    static final double QUANTUM = 0x1p30;
    /** Circles up to this many positions keep their rounded cosines and sines in a table (1 MiB at most). */
    private static final long TABLE_LIMIT = 1 << 16;

    private final long lowest;
    private final ValueRange range;
    private final long positions;
    private final long shift;
    private final boolean wraps;
    private final long[] cosines;
    private final long[] sines;

    Circle(LosslessParameters parameters) {
        range = parameters.range();
        lowest = range.lowest();
        positions = parameters.positions();
        shift = parameters.shift();
        wraps = parameters.ends() == RangeEnds.WRAP;
        if (positions <= TABLE_LIMIT) {
            cosines = new long[(int) positions];
            sines = new long[(int) positions];
            for (int position = 0; position < positions; position++) {
                cosines[position] = roundedCosine(position);
                sines[position] = roundedSine(position);
            }
        } else {
            cosines = null;
            sines = null;
        }
    }

    /**
     * The value's position on the circle, or -1 when it is not moved: with {@link RangeEnds#WRAP}, values
     * outside the range stay where they are (moving them around the range's circle would not come back).
     *
     * @param units the value in whole units of the last declared digit ({@link CellValues#units})
     */
    long position(BigDecimal units) {
        if (units.precision() <= 18) {
            long whole = units.longValueExact();
            if (wraps) {
                return range.contains(whole) ? whole - lowest : -1;
            }
            return Math.floorMod(whole - lowest, positions);
        }
        if (wraps) {
            return -1;
        }
        return units.toBigIntegerExact().subtract(BigInteger.valueOf(lowest)).mod(BigInteger.valueOf(positions)).longValue();
    }

    /** Where a value at {@code position} lands when its sub-group turns by {@code direction} (+1 or -1). */
    long turned(long position, int direction) {
        return Math.floorMod(position + direction * shift, positions);
    }

    /**
     * How many units a value at {@code position} moves when its sub-group turns by {@code direction}: the
     * shift itself, except where {@link RangeEnds#WRAP} carries it across the ends of the range.
     */
    long move(long position, int direction) {
        return wraps ? turned(position, direction) - position : direction * shift;
    }

    long cosine(long position) {
        return cosines != null ? cosines[(int) position] : roundedCosine(position);
    }

    long sine(long position) {
        return sines != null ? sines[(int) position] : roundedSine(position);
    }

    private long roundedCosine(long position) {
        return Math.round(StrictMath.cos(angle(position)) * QUANTUM);
    }

    private long roundedSine(long position) {
        return Math.round(StrictMath.sin(angle(position)) * QUANTUM);
    }

    private double angle(long position) {
        return 2 * Math.PI * position / positions;
    }
}
