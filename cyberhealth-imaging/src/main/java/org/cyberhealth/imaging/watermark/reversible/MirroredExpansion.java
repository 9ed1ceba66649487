package org.cyberhealth.imaging.watermark.reversible;

/**
 * An expansion made of two one-sided mappings: {@code right} for errors {@code e >= 0}, {@code left} for
 * {@code e < 0} via the mirror {@code e -> -1 - e}. Each side maps its half onto itself, so any pair of
 * sides is invertible; this covers Sachnev's thresholds {@code (Tn, Tp)} (threshold sides {@code -Tn - 1}
 * and {@code Tp}) as well as Li et al.'s bin pairs {@code (a, b)} (bin sides {@code -a - 1} and {@code b}).
 *
 * <p>Marking is tabulated over the errors the sides treat one by one (beyond them every error moves
 * alike), so that a walk marks a sample with two table reads instead of branching on the error's sign
 * and value, which the branch predictor cannot guess on prediction errors.
 */
final class MirroredExpansion implements ErrorExpansion {

    static final MirroredExpansion IDENTITY = new MirroredExpansion(HalfMapping.NONE, HalfMapping.NONE);

    private final HalfMapping left;
    private final HalfMapping right;
    private final long maxShift;
    /** The tabulated errors are {@code [lowest, highest]}; errors beyond are marked as the nearest end. */
    private final int lowest;
    private final int highest;
    /** {@code mark(e, 0) - e}, indexed by {@code e - lowest}. */
    private final int[] shift;
    /** {@link #carryStep}, indexed by {@code e - lowest}. */
    private final int[] step;
    /** The marked errors of the tabulated ones are {@code [markedLowest, markedHighest]}. */
    private final int markedLowest;
    private final int markedHighest;
    /** {@code restore(m) - m} and {@link #bit}, indexed by {@code m - markedLowest}. */
    private final int[] restoreShift;
    private final int[] carriedBit;

    MirroredExpansion(HalfMapping left, HalfMapping right) {
        this.left = left;
        this.right = right;
        this.maxShift = Math.max(left.maxShift(), right.maxShift());
        this.lowest = -1 - left.reach();
        this.highest = right.reach();
        this.shift = new int[highest - lowest + 1];
        this.step = new int[shift.length];
        for (int e = lowest; e <= highest; e++) {
            boolean positive = e >= 0;
            HalfMapping side = positive ? right : left;
            int mirrored = positive ? e : -1 - e;
            int marked = side.mark(mirrored, 0);
            shift[e - lowest] = positive ? marked - mirrored : mirrored - marked;
            step[e - lowest] = side.carries(mirrored) ? (positive ? 1 : -1) : 0;
        }
        // marking keeps the order of errors, and the end errors carry nothing, so the tabulated errors
        // mark to [markedLowest, markedHighest]; beyond, marking shifts alike, and so does restoring
        this.markedLowest = lowest + shift[0];
        this.markedHighest = highest + shift[shift.length - 1];
        this.restoreShift = new int[markedHighest - markedLowest + 1];
        this.carriedBit = new int[restoreShift.length];
        for (int m = markedLowest; m <= markedHighest; m++) {
            boolean positive = m >= 0;
            HalfMapping side = positive ? right : left;
            int mirrored = positive ? m : -1 - m;
            int original = side.restore(mirrored);
            restoreShift[m - markedLowest] = positive ? original - mirrored : mirrored - original;
            carriedBit[m - markedLowest] = side.bit(mirrored);
        }
    }

    HalfMapping left() {
        return left;
    }

    HalfMapping right() {
        return right;
    }

    @Override
    public int mark(int e, int bit) {
        int i = Math.max(lowest, Math.min(highest, e)) - lowest;
        return e + shift[i] + step[i] * bit;
    }

    @Override
    public int carryStep(int e) {
        return step[Math.max(lowest, Math.min(highest, e)) - lowest];
    }

    @Override
    public int restore(int marked) {
        return marked + restoreShift[Math.max(markedLowest, Math.min(markedHighest, marked)) - markedLowest];
    }

    @Override
    public int bit(int marked) {
        return carriedBit[Math.max(markedLowest, Math.min(markedHighest, marked)) - markedLowest];
    }

    @Override
    public long maxShift() {
        return maxShift;
    }

    /** The right side keeps {@code 0 <= e < from}, the left side its mirror {@code -from <= e <= -1}. */
    @Override
    public int keptLow() {
        return -left.keptBelow();
    }

    @Override
    public int keptHigh() {
        return right.keptBelow() - 1;
    }
}
