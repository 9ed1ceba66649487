package org.cyberhealth.imaging.watermark.reversible;

/**
 * Chooses, for every complexity class and each side of its prediction-error histogram, the mapping
 * (nothing, one expansion bin, or an expansion threshold) that minimises the expected squared error for
 * a required capacity: the multiple-histogram modification of Li, Zhang, Gui and Yang, "Efficient
 * reversible data hiding based on multiple histograms modification", IEEE TIP 24(12), 2015, with the
 * per-class search solved exactly by Lagrangian relaxation. Both sides of every class are independent
 * given the multiplier (the cost of a side depends only on its own choice), so each step is linear in
 * the number of candidate mappings.
 */
final class ExpansionOptimizer {

    /** Errors of magnitude up to this are modelled one by one; larger ones are only ever shifted. */
    static final int RANGE = 64;

    private static final int OPTIONS = 1 + 2 * RANGE;

    /** [class * 2 + side][option]; option 0 = untouched, 1..RANGE = bin t - 1, then threshold t. */
    private final double[][] capacity;
    private final double[][] distortion;
    private final int classes;

    private final long[][] histograms;
    /** Per class side, the options worth considering (see {@link #lowerHull}). */
    private final int[][] hulls;
    /** The capacity and distortion of each hull option, in hull order: what {@link #choose} scans, kept contiguous. */
    private final double[][] hullCapacity;
    private final double[][] hullDistortion;

    /**
     * Per class, counts of consecutive rank pairs by mirrored errors: (0,0), (0,1) or (1,0), (1,1),
     * (0,2+) or (2+,0), others; and the expected capacity and squared error of pairwise expansion.
     */
    private final long[][] pairs;
    private final double[] pairCapacity;
    private final double[] pairDistortion;

    /** @param errors prediction errors by rank; the first {@code length} ranks are split into {@code classes} */
    ExpansionOptimizer(int[] errors, int length, int classes) {
        this(histograms(errors, length, classes), pairs(errors, length, classes));
    }

    private ExpansionOptimizer(long[][] histograms, long[][] pairs) {
        this.histograms = histograms;
        this.pairs = pairs;
        this.classes = histograms.length / 2;
        pairCapacity = new double[classes];
        pairDistortion = new double[classes];
        for (int k = 0; k < classes; k++) {
            long[] c = pairs[k];
            pairCapacity[k] = 1.5 * c[0] + c[1];
            pairDistortion[k] = 0.5 * c[0] + 1.5 * c[1] + c[3] + 2.0 * c[4];
        }
        capacity = new double[classes * 2][OPTIONS];
        distortion = new double[classes * 2][OPTIONS];
        hulls = new int[classes * 2][];
        hullCapacity = new double[classes * 2][];
        hullDistortion = new double[classes * 2][];
        for (int s = 0; s < histograms.length; s++) {
            int options = optionsWorthTabulating(histograms[s]);
            tabulate(histograms[s], options, capacity[s], distortion[s]);
            hulls[s] = lowerHull(capacity[s], distortion[s], options);
            hullCapacity[s] = new double[hulls[s].length];
            hullDistortion[s] = new double[hulls[s].length];
            for (int i = 0; i < hulls[s].length; i++) {
                hullCapacity[s][i] = capacity[s][hulls[s][i]];
                hullDistortion[s][i] = distortion[s][hulls[s][i]];
            }
        }
    }

    /**
     * The options on the lower convex hull of (capacity, distortion), by increasing capacity: the only
     * ones that can minimise {@code distortion - lambda * capacity} for some {@code lambda >= 0}.
     */
    private static int[] lowerHull(double[] capacity, double[] distortion, int options) {
        int[] hull = new int[OPTIONS];
        int size = 0;
        for (int o : byCapacity(capacity, options)) {
            if (size > 0 && capacity[hull[size - 1]] == capacity[o]) {
                if (distortion[o] >= distortion[hull[size - 1]]) {
                    continue;
                }
                size--;
            }
            while (size >= 2 && turnsClockwise(capacity, distortion, hull[size - 2], hull[size - 1], o)) {
                size--;
            }
            hull[size++] = o;
        }
        return java.util.Arrays.copyOf(hull, size);
    }

    /**
     * The options that can be on the hull, by capacity and then option number. Left out: options
     * without capacity (option 0 has none and no distortion), and a threshold with no more capacity
     * than the previous one (same capacity, no less distortion). Thresholds are already in order, as
     * their capacity grows with the threshold, so only the bins are sorted, then merged in.
     */
    private static int[] byCapacity(double[] capacity, int options) {
        // insertion sort, from the last bin back: errors crowd near zero, so bins come nearly in order
        long[] bins = new long[RANGE];
        int binCount = 0;
        for (int o = options; o >= 1; o--) {
            if (capacity[o] > 0) {
                long bin = (long) capacity[o] << 8 | o;
                int i = binCount++;
                while (i > 0 && bins[i - 1] > bin) {
                    bins[i] = bins[i - 1];
                    i--;
                }
                bins[i] = bin;
            }
        }
        int[] order = new int[OPTIONS];
        int size = 0;
        order[size++] = 0;
        int b = 0;
        double previous = 0;
        for (int o = RANGE + 1; o <= RANGE + options; o++) {
            if (capacity[o] == previous) {
                continue;
            }
            previous = capacity[o];
            while (b < binCount && (bins[b] >>> 8) <= (long) capacity[o]) {
                order[size++] = (int) (bins[b++] & 0xFF);
            }
            order[size++] = o;
        }
        while (b < binCount) {
            order[size++] = (int) (bins[b++] & 0xFF);
        }
        return java.util.Arrays.copyOf(order, size);
    }

    private static boolean turnsClockwise(double[] x, double[] y, int a, int b, int c) {
        return (x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a]) <= 0;
    }

    /**
     * The same ranks in {@code coarser} classes; exact because class boundaries nest when the class
     * count divides this one's.
     */
    ExpansionOptimizer merged(int coarser) {
        if (classes % coarser != 0) {
            throw new IllegalArgumentException(coarser + " classes do not nest in " + classes);
        }
        if (coarser == classes) {
            return this;
        }
        int group = classes / coarser;
        long[][] merged = new long[coarser * 2][RANGE + 1];
        for (int s = 0; s < histograms.length; s++) {
            long[] target = merged[(s / 2 / group) * 2 + s % 2];
            for (int i = 0; i <= RANGE; i++) {
                target[i] += histograms[s][i];
            }
        }
        long[][] mergedPairs = new long[coarser][5];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < 5; i++) {
                mergedPairs[k / group][i] += pairs[k][i];
            }
        }
        return new ExpansionOptimizer(merged, mergedPairs);
    }

    /**
     * Single-class optimizers for the first {@code lengths[i]} ranks ({@code lengths} ascending), from one
     * pass over the errors: the same histograms and pair counts as {@link #ExpansionOptimizer(int[], int, int)}
     * with one class, without counting each prefix again.
     */
    static ExpansionOptimizer[] ofPrefixes(int[] errors, int[] lengths) {
        ExpansionOptimizer[] optimizers = new ExpansionOptimizer[lengths.length];
        // both sides in one array (right, then left) and the pair categories by table: errors fall on
        // either side at random, and a branch on the sign would be mispredicted half the time
        long[] sides = new long[2 * (RANGE + 1)];
        long[] pairCounts = new long[5];
        int rank = 0;
        for (int i = 0; i < lengths.length; i++) {
            for (; rank < lengths[i]; rank++) {
                sides[sideBin(errors[rank])]++;
                if ((rank & 1) == 1) {
                    pairCounts[pairCategory(errors[rank - 1], errors[rank])]++;
                }
            }
            long[] right = java.util.Arrays.copyOfRange(sides, 0, RANGE + 1);
            long[] left = java.util.Arrays.copyOfRange(sides, RANGE + 1, 2 * (RANGE + 1));
            optimizers[i] = new ExpansionOptimizer(new long[][] {right, left}, new long[][] {pairCounts.clone()});
        }
        return optimizers;
    }

    /**
     * Where {@link #count} counts error {@code e}, in one array of the right side's bins followed by the
     * left side's: {@code ~e} is {@code -1 - e}, and {@code e >> 31} selects it for negative errors.
     */
    private static int sideBin(int e) {
        int negative = e >> 31;
        return Math.min(RANGE, e ^ negative) + (negative & (RANGE + 1));
    }

    private static long[][] pairs(int[] errors, int length, int classes) {
        long[][] counts = new long[classes][5];
        for (int k = 0; k < classes; k++) {
            int end = ClassedRule.classStart(k + 1, length, classes);
            for (int rank = ClassedRule.classStart(k, length, classes); rank + 1 < end; rank += 2) {
                counts[k][pairCategory(errors[rank], errors[rank + 1])]++;
            }
        }
        return counts;
    }

    /** The category of a rank pair by mirrored errors: (0,0), (0,1) or (1,0), (1,1), (0,2+) or (2+,0), others. */
    static int pairCategory(int first, int second) {
        return PAIR_CATEGORY[3 * Math.min(2, first ^ first >> 31) + Math.min(2, second ^ second >> 31)];
    }

    /** {@link #pairCategory} by mirrored errors capped at 2 (first * 3 + second): looked up, not branched on. */
    private static final int[] PAIR_CATEGORY = {0, 1, 3, 1, 2, 4, 3, 4, 4};

    private static long[][] histograms(int[] errors, int length, int classes) {
        long[][] histograms = new long[classes * 2][RANGE + 1];
        for (int k = 0; k < classes; k++) {
            int end = ClassedRule.classStart(k + 1, length, classes);
            for (int rank = ClassedRule.classStart(k, length, classes); rank < end; rank++) {
                count(errors[rank], histograms[2 * k], histograms[2 * k + 1]);
            }
        }
        return histograms;
    }

    /** Counts error {@code e} on its side: {@code right} by {@code e >= 0}, {@code left} by {@code -1 - e}; large ones in the last bin. */
    private static void count(int e, long[] right, long[] left) {
        if (e >= 0) {
            right[Math.min(RANGE, e)]++;
        } else {
            left[Math.min(RANGE, -1 - e)]++;
        }
    }

    /**
     * How many bins and thresholds of a side can be on its hull: up to the largest error it holds (a
     * larger bin carries nothing, a larger threshold no more than that one). Smooth prefixes hold small
     * errors only, so most optimizers tabulate a few options instead of all of them.
     */
    private static int optionsWorthTabulating(long[] g) {
        int largest = RANGE;
        while (largest > 0 && g[largest] == 0) {
            largest--;
        }
        return Math.min(RANGE, largest + 1);
    }

    /** Fills in the first {@code options} bins and thresholds; the others stay empty and are never chosen. */
    private static void tabulate(long[] g, int options, double[] capacity, double[] distortion) {
        long total = 0;
        for (long count : g) {
            total += count;
        }
        long below = 0;
        double expandedCost = 0;
        for (int t = 0; t < options; t++) {
            below += g[t];
            expandedCost += g[t] * ((double) t * t + (double) (t + 1) * (t + 1)) / 2;
            long above = total - below;
            capacity[1 + t] = g[t];
            distortion[1 + t] = 0.5 * g[t] + above;
            capacity[1 + RANGE + t] = below;
            distortion[1 + RANGE + t] = expandedCost + (double) (t + 1) * (t + 1) * above;
        }
    }

    /**
     * Expansions per class, their expected squared error, and the Lagrange multiplier that chose them:
     * about what one more bit would cost in squared error at this payload.
     */
    record Solution(MirroredExpansion[] expansions, boolean[] pairwise, double distortion, double bitCost) {
    }

    /** The cheapest expansions with at least {@code target} expected capacity, or null if none reach it. */
    Solution solve(double target) {
        int[] choice = new int[classes * 2];
        boolean[] pairwise = new boolean[classes];
        double high = 1e7;
        if (choose(high, choice, pairwise) < target) {
            return null;
        }
        double low = 0;
        for (int i = 0; i < 48; i++) {
            double mid = (low + high) / 2;
            if (choose(mid, choice, pairwise) >= target) {
                high = mid;
            } else {
                low = mid;
            }
        }
        choose(high, choice, pairwise);
        MirroredExpansion[] expansions = new MirroredExpansion[classes];
        double total = 0;
        for (int k = 0; k < classes; k++) {
            if (pairwise[k]) {
                expansions[k] = PairwiseExpansion.SINGLE;
                total += pairDistortion[k];
            } else {
                expansions[k] = new MirroredExpansion(mapping(choice[2 * k + 1]), mapping(choice[2 * k]));
                total += distortion[2 * k][choice[2 * k]] + distortion[2 * k + 1][choice[2 * k + 1]];
            }
        }
        return new Solution(expansions, pairwise, total, high);
    }

    /** The per-class choices minimising distortion minus lambda times capacity; returns the capacity. */
    private double choose(double lambda, int[] choice, boolean[] pairwise) {
        double total = 0;
        for (int k = 0; k < classes; k++) {
            double sides = 0;
            double sidesCapacity = 0;
            for (int s = 2 * k; s < 2 * k + 2; s++) {
                double[] hullCap = hullCapacity[s];
                double[] hullDist = hullDistortion[s];
                // along a convex hull the cost falls, then rises: find where it stops falling
                int lo = 0;
                int hi = hullCap.length - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (hullDist[mid + 1] - lambda * hullCap[mid + 1] < hullDist[mid] - lambda * hullCap[mid]) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                double cost = hullDist[lo] - lambda * hullCap[lo];
                boolean better = cost < 0;
                choice[s] = better ? hulls[s][lo] : 0;
                sides += better ? cost : 0;
                sidesCapacity += better ? hullCap[lo] : 0;
            }
            pairwise[k] = pairCapacity[k] > 0 && pairDistortion[k] - lambda * pairCapacity[k] < sides;
            total += pairwise[k] ? pairCapacity[k] : sidesCapacity;
        }
        return total;
    }

    private static HalfMapping mapping(int option) {
        if (option == 0) {
            return HalfMapping.NONE;
        }
        return option <= RANGE ? HalfMapping.bin(option - 1) : HalfMapping.threshold(option - 1 - RANGE);
    }
}
