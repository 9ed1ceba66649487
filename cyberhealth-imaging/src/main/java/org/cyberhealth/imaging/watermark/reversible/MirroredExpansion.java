package org.cyberhealth.imaging.watermark.reversible;

/**
 * An expansion made of two one-sided mappings: {@code right} for errors {@code e >= 0}, {@code left} for
 * {@code e < 0} via the mirror {@code e -> -1 - e}. Each side maps its half onto itself, so any pair of
 * sides is invertible; this covers Sachnev's thresholds {@code (Tn, Tp)} (threshold sides {@code -Tn - 1}
 * and {@code Tp}) as well as Li et al.'s bin pairs {@code (a, b)} (bin sides {@code -a - 1} and {@code b}).
 */
final class MirroredExpansion implements ErrorExpansion {

    static final MirroredExpansion IDENTITY = new MirroredExpansion(HalfMapping.NONE, HalfMapping.NONE);

    private final HalfMapping left;
    private final HalfMapping right;
    private final long maxShift;

    MirroredExpansion(HalfMapping left, HalfMapping right) {
        this.left = left;
        this.right = right;
        this.maxShift = Math.max(left.maxShift(), right.maxShift());
    }

    HalfMapping left() {
        return left;
    }

    HalfMapping right() {
        return right;
    }

    @Override
    public int mark(int e, int bit) {
        return e >= 0 ? right.mark(e, bit) : -1 - left.mark(-1 - e, bit);
    }

    @Override
    public boolean carries(int e) {
        return e >= 0 ? right.carries(e) : left.carries(-1 - e);
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
