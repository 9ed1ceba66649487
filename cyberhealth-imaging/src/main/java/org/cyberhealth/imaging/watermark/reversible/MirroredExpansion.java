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
        return marked >= 0 ? right.restore(marked) : -1 - left.restore(-1 - marked);
    }

    @Override
    public int bit(int marked) {
        return marked >= 0 ? right.bit(marked) : left.bit(-1 - marked);
    }

    @Override
    public long maxShift() {
        return maxShift;
    }
}
