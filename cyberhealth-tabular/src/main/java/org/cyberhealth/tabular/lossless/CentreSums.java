package org.cyberhealth.tabular.lossless;

/**
 * The centre of mass of every sub-group's circular histogram, kept as sums of rounded cosines and sines
 * (memory: a few longs per group, whatever the number of rows or the size of the range). The embedder
 * also sums each value as it would be after its sub-group turned up or down, so that it knows, before
 * writing anything, the exact angles a reader will find in the marked table.
 */
final class CentreSums {

    /**
     * Below this mean resultant length a sub-group's direction is noise (its values are spread evenly
     * around the circle): such a group is left alone by every side.
     */
    static final double MIN_RESULTANT = 1e-2;

    private final int variants;
    private final long[] cosines;
    private final long[] sines;
    private final long[] counts;

    /** @param turned whether to also sum every value turned up and turned down (the embedder's view) */
    CentreSums(int groups, boolean turned) {
        variants = turned ? 3 : 1;
        cosines = new long[groups * 2 * variants];
        sines = new long[groups * 2 * variants];
        counts = new long[groups * 2];
    }

    int groups() {
        return counts.length / 2;
    }

    void add(Circle circle, int group, int subgroup, long position) {
        int at = (group * 2 + subgroup) * variants;
        counts[group * 2 + subgroup]++;
        cosines[at] += circle.cosine(position);
        sines[at] += circle.sine(position);
        if (variants == 3) {
            long up = circle.turned(position, 1);
            long down = circle.turned(position, -1);
            cosines[at + 1] += circle.cosine(up);
            sines[at + 1] += circle.sine(up);
            cosines[at + 2] += circle.cosine(down);
            sines[at + 2] += circle.sine(down);
        }
    }

    long count(int group, int subgroup) {
        return counts[group * 2 + subgroup];
    }

    /**
     * The paper's beta^{A,B}: the angle from sub-group B's centre of mass to A's, in (-pi, pi], after the
     * group turned by {@code direction} (0 for the values as they are, +1 for A up and B down, -1 for A down
     * and B up); NaN when either centre has no meaningful direction.
     */
    double relativeAngle(int group, int direction) {
        double a = angle(group, 0, variant(direction));
        double b = angle(group, 1, variant(-direction));
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        double difference = a - b;
        if (difference > Math.PI) {
            difference -= 2 * Math.PI;
        } else if (difference <= -Math.PI) {
            difference += 2 * Math.PI;
        }
        return difference;
    }

    private double angle(int group, int subgroup, int variant) {
        int at = (group * 2 + subgroup) * variants + variant;
        double x = cosines[at];
        double y = sines[at];
        long count = counts[group * 2 + subgroup];
        if (count == 0 || Math.hypot(x, y) < MIN_RESULTANT * Circle.QUANTUM * count) {
            return Double.NaN;
        }
        return StrictMath.atan2(y, x);
    }

    private int variant(int direction) {
        if (direction != 0 && variants == 1) {
            throw new IllegalStateException("these sums hold the values as they are only");
        }
        return direction == 0 ? 0 : direction > 0 ? 1 : 2;
    }
}
