package org.cyberhealth.imaging.watermark.reversible;

/**
 * The rule of a layer that carries a small payload (a crypto-watermark block's: tens to a few hundred
 * bits), found in one pass over the layer's errors instead of {@link MhmRanking}'s search.
 *
 * <p>At such payloads the rule is one class over the whole layer, and the walk stops once the payload
 * is in, so a rule costs what the shortest prefix of ranks holding enough carriers costs. The
 * candidates are one expansion bin per side (or none), as Li, Zhang, Gui and Yang choose them for low
 * payloads ("Efficient reversible data hiding based on multiple histograms modification", IEEE TIP
 * 24(12), 2015): the errors at the bins carry a bit (half a unit of squared error on average), those
 * beyond them shift by one (a unit); and pairwise expansion of consecutive ranks (Ou, Li, Zhao, Yu,
 * Zhang, IEEE TIP 22(12), 2013), which pays best where errors of 0 abound (a CT's padding). The pass
 * snapshots both sides' histograms, and the pairs' categories, at prefixes growing by a quarter; each
 * candidate is costed at the first snapshot that holds its carriers, interpolated from the one before
 * (samples at a range limit whose error points out of it are counted apart: they get a location-map
 * flag instead of carrying or shifting), plus its rule's and flags' bits at what a bit costs in the
 * layer (the cheapest candidate's squared error a bit, plus half a unit for carrying it: far more in a
 * noisy block than in a smooth one, and counting side bits at a fixed unit and a half lost 0.3 to 0.5
 * dB on MR2 and Man). Where the best estimates expect location-map flags (samples at a range limit, as
 * Man's clipped dark noise), they are walked, which counts the flags exactly and confirms that they carry
 * the payload, and the one that measures cheapest wins. Elsewhere the best estimate is taken as it is
 * (pairwise expansion, which the counts cannot confirm, after a walk): walking close runners-up too
 * was a sixth of marking a CT slice and a chest X-ray, and gained 0.01 to 0.07 dB on the seal
 * benchmark's fragile layer, nothing measurable with the robust mark under it. Where no bin pair carries the
 * payload (a layer far smaller than its payload asks for thresholds), the caller falls back on the
 * full search.
 */
final class SmallPayloadPlanner {

    /** Layers asked for at most this many bits are planned here: blocks carry tens to a few hundred, whole images a few hundred per layer and up. */
    static final int MAX_BITS = 256;

    /**
     * Bins 0 to {@code BINS - 1} are candidates on each side; errors from {@code BINS} on only ever shift.
     * A noisy block (MR2's, Baboon's) has errors in every bin, and costing every pair of 33 options took a
     * third of planning it; with 17, the block embedding of the benchmark images (every 64x64 block at 56
     * and at 107 bits) changes its squared error by -12 % (Baboon, 56 bits: more of its blocks go to the
     * full search, which does better there) to +1.5 % (CT_small), the others within 0.6 %, and MR2's
     * seal takes 16 % less time. 12 bins cost the CT slices 2 to 5 %; bins beyond 16 were the best
     * estimate in 2 % of MR2's plans, fewer elsewhere.
     */
    private static final int BINS = 16;

    /** Each snapshot's prefix is this much longer than the last one's. */
    private static final double GROWTH = 1.25;

    /** At most this many of the best estimates are walked. */
    private static final int WALKED = 4;

    /** Index of "no bin" among a side's options. */
    private static final int NONE = BINS;

    /** The expansions of every bin pair, built on first use: immutable, so a race builds one twice at worst. */
    private static final MirroredExpansion[][] EXPANSIONS = new MirroredExpansion[BINS + 1][BINS + 1];

    private SmallPayloadPlanner() {
    }

    /** The cheapest measured of the best estimated rules that carry the pass's bits, or null if none does. */
    static LayerRule plan(LayerPass pass) {
        int usable = pass.usable();
        int need = pass.bitsToCarry();
        if (need > usable) {
            return null;
        }
        int[] ends = snapshotEnds(need, usable);
        int snapshots = ends.length;
        // per snapshot: counts of each side's bins, right side then left (the last of each side: beyond
        // the bins), and the pairs' categories as ExpansionOptimizer counts them
        int width = 2 * (BINS + 1);
        int[] counts = new int[snapshots * width];
        int[] atLimit = new int[snapshots * width];
        int[] pairs = new int[snapshots * 5];
        count(pass, ends, counts, atLimit, pairs);
        // the samples at a limit with an outward error are flagged instead of carrying or shifting (most
        // blocks have none: their counts stay as they are)
        int[] above = beyond(counts, snapshots);
        if (pass.touchesLimits()) {
            int[] limitAbove = beyond(atLimit, snapshots);
            for (int i = 0; i < counts.length; i++) {
                counts[i] -= atLimit[i];
                above[i] -= limitAbove[i];
                atLimit[i] += limitAbove[i];
            }
        }
        // every candidate's expected squared error and side-information bits (its rule and flags)
        int candidates = (BINS + 1) * (BINS + 1);
        // this thread's buffers, as every block of a picture plans two layers or more
        double[] distortion = ThreadBuffers.doubles(ThreadBuffers.PLAN_DISTORTION, candidates);
        double[] sideBits = ThreadBuffers.doubles(ThreadBuffers.PLAN_SIDE_BITS, candidates);
        double cheapest = Double.POSITIVE_INFINITY;
        java.util.Arrays.fill(distortion, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(sideBits, 0);
        int last = (snapshots - 1) * width;
        // only the options worth costing, ascending: a block's errors mostly span a few bins of the 16
        int[] leftOptions = worthy(counts, last + BINS + 1);
        int[] rightOptions = worthy(counts, last);
        for (int left : leftOptions) {
            for (int right : rightOptions) {
                int c = left * (BINS + 1) + right;
                if (left == NONE && right == NONE) {
                    // the slot of "no bin on either side", which carries nothing, holds pairwise expansion
                    pairwiseCost(pairs, snapshots, need, distortion, c);
                    sideBits[c] = 2;
                } else {
                    binCost(counts, above, atLimit, snapshots, left, right, need, distortion, sideBits, c);
                    sideBits[c] += ruleBits(left, right);
                }
                cheapest = Math.min(cheapest, distortion[c]);
            }
        }
        // a bit of side information costs about what a payload bit costs in this layer, plus half for
        // its own carrying: far more in a noisy block than in a smooth one
        double bitCost = cheapest / need + 0.5;
        Best best = new Best();
        // offered in ascending slot order, as Best keeps the earlier of equal costs
        for (int left : leftOptions) {
            for (int right : rightOptions) {
                int c = left * (BINS + 1) + right;
                if (distortion[c] < Double.POSITIVE_INFINITY) {
                    best.offer(distortion[c] + bitCost * sideBits[c], left, right);
                }
            }
        }
        // flags come in runs the estimate cannot see (the location map codes them together, and a marked
        // sample can land where the extractor must ask the map): where the best estimates expect any,
        // all of them are walked
        boolean flagsLikely = false;
        for (int i = 0; i < best.size; i++) {
            int c = best.left[i] * (BINS + 1) + best.right[i];
            flagsLikely |= c != NONE * (BINS + 1) + NONE && sideBits[c] - ruleBits(best.left[i], best.right[i]) > 0;
        }
        if (best.size == 0) {
            return null;
        }
        boolean bestIsBins = !(best.left[0] == NONE && best.right[0] == NONE);
        if (bestIsBins && !flagsLikely) {
            // nothing to confirm: without samples at a limit a bin pair's walk carries exactly the
            // counted carriers, which reach the payload
            return ClassedRule.single(expansion(best.left[0], best.right[0]), false, usable);
        }
        LayerRule chosen = null;
        LayerPass.Walk chosenWalk = null;
        double chosenCost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < best.size; i++) {
            if (chosen != null && !flagsLikely) {
                break;
            }
            LayerRule rule = best.left[i] == NONE && best.right[i] == NONE ? ClassedRule.single(PairwiseExpansion.SINGLE, true, usable)
                    : ClassedRule.single(expansion(best.left[i], best.right[i]), false, usable);
            // a walk stops once it can no longer beat the cheapest measured
            LayerPass.Walk walk = pass.embedBelow(rule, chosenCost);
            if (walk != null && walk.complete()) {
                int unpaidSide = Math.max(0, pass.sideInformation(rule, walk).length() - pass.paidSideBits());
                double cost = walk.distortion() + bitCost * unpaidSide;
                if (cost < chosenCost) {
                    chosen = rule;
                    chosenWalk = walk;
                    chosenCost = cost;
                }
            }
        }
        if (chosen != null) {
            pass.remember(chosen, chosenWalk);
        }
        return chosen;
    }

    /**
     * Whether a side's bin {@code option} carries nothing in the whole layer (its count there, at
     * {@code base} on, is 0) and has a longer code than no bin at all: then no bin does better at every
     * prefix, and the candidate is not costed (most bins of a smooth block's sides).
     */
    private static boolean worthless(int[] counts, int base, int option) {
        return option != NONE && option >= 2 && counts[base + option] == 0;
    }

    /** A side's options that are not {@link #worthless} (its counts at {@code base} on), ascending, no bin last. */
    private static int[] worthy(int[] counts, int base) {
        int[] options = new int[BINS + 1];
        int n = 0;
        for (int option = 0; option <= BINS; option++) {
            if (!worthless(counts, base, option)) {
                options[n++] = option;
            }
        }
        return java.util.Arrays.copyOf(options, n);
    }

    /** The snapshots' prefix lengths: from the payload (a rank carries at most a bit) up by {@link #GROWTH}, the last the whole layer. */
    private static int[] snapshotEnds(int need, int usable) {
        int[] ends = new int[64];
        int n = 0;
        double planned = Math.max(1, need);
        while (true) {
            int end = (int) Math.min(usable, Math.ceil(planned));
            if (n == 0 || end > ends[n - 1]) {
                ends[n++] = end;
            }
            if (end == usable || n == ends.length) {
                ends[n - 1] = usable;
                return java.util.Arrays.copyOf(ends, n);
            }
            planned *= GROWTH;
        }
    }

    /**
     * One pass over the errors, copying the running counts at every snapshot's end: of every side's
     * bins, of the same for the samples at a limit with an outward error, and of the pairs' categories.
     */
    private static void count(LayerPass pass, int[] ends, int[] counts, int[] atLimit, int[] pairs) {
        int[] errors = pass.errors();
        int width = 2 * (BINS + 1);
        // the samples at a limit with an outward error are counted a width further on, without a branch
        // (where they are, they come at random)
        int[] running = new int[2 * width];
        int[] runningPairs = new int[5];
        // most blocks have no sample at a limit, and asking each rank reads its sample at random
        boolean limits = pass.touchesLimits();
        int rank = 0;
        int pairEnd = 1;
        for (int j = 0; j < ends.length; j++) {
            int end = ends[j];
            if (limits) {
                for (; rank < end; rank++) {
                    running[binOf(errors[rank]) + width * pass.outwardAtLimit(rank)]++;
                }
            } else {
                for (; rank < end; rank++) {
                    running[binOf(errors[rank])]++;
                }
            }
            // a pair is counted once both its ranks are
            for (; pairEnd < end; pairEnd += 2) {
                runningPairs[ExpansionOptimizer.pairCategory(errors[pairEnd - 1], errors[pairEnd])]++;
            }
            for (int bin = 0; bin < width; bin++) {
                counts[j * width + bin] = running[bin] + running[width + bin];
            }
            System.arraycopy(running, width, atLimit, j * width, width);
            System.arraycopy(runningPairs, 0, pairs, j * 5, 5);
        }
    }

    /** The count slot of error {@code e}: its mirrored error on its side (right side first), without a branch on the sign. */
    private static int binOf(int e) {
        int negative = e >> 31;
        return Math.min(BINS, e ^ negative) + (negative & (BINS + 1));
    }

    /** For every snapshot, side and bin t: the side's counts beyond t (in the bins after it). */
    private static int[] beyond(int[] counts, int snapshots) {
        int[] above = new int[counts.length];
        for (int base = 0; base < snapshots * 2 * (BINS + 1); base += BINS + 1) {
            int sum = counts[base + BINS];
            for (int t = BINS - 1; t >= 0; t--) {
                above[base + t] = sum;
                sum += counts[base + t];
            }
        }
        return above;
    }

    /**
     * Into slot {@code c}: the expected squared error of bins {@code left} and {@code right} over the
     * prefix that holds {@code need} carriers (counted without the flagged samples), a unit a shifted
     * sample and half a unit a carried bit, and the flags there; nothing if the whole layer holds too few.
     */
    private static void binCost(int[] counts, int[] above, int[] flagged, int snapshots, int left, int right, int need,
            double[] distortion, double[] flags, int c) {
        int width = 2 * (BINS + 1);
        if (carriers(counts, (snapshots - 1) * width, left, right) < need) {
            return;
        }
        // carriers only grow with the prefix: the first snapshot that holds enough, by bisection
        int low = -1;
        int high = snapshots - 1;
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (carriers(counts, mid * width, left, right) >= need) {
                high = mid;
            } else {
                low = mid;
            }
        }
        int carriers = carriers(counts, high * width, left, right);
        int previousCarriers = low < 0 ? 0 : carriers(counts, low * width, left, right);
        double share = (double) (need - previousCarriers) / (carriers - previousCarriers);
        int shifts = shifts(above, high * width, left, right);
        int previousShifts = low < 0 ? 0 : shifts(above, low * width, left, right);
        int flagCount = shifts(flagged, high * width, left, right);
        int previousFlags = low < 0 ? 0 : shifts(flagged, low * width, left, right);
        distortion[c] = previousShifts + share * (shifts - previousShifts) + 0.5 * need;
        flags[c] = previousFlags + share * (flagCount - previousFlags);
    }

    private static int carriers(int[] counts, int base, int left, int right) {
        return (right == NONE ? 0 : counts[base + right]) + (left == NONE ? 0 : counts[base + BINS + 1 + left]);
    }

    private static int shifts(int[] above, int base, int left, int right) {
        return (right == NONE ? 0 : above[base + right]) + (left == NONE ? 0 : above[base + BINS + 1 + left]);
    }

    /** Into slot {@code c}: the expected squared error of pairwise expansion over the prefix whose pairs carry {@code need} bits; nothing if too few. */
    private static void pairwiseCost(int[] pairs, int snapshots, int need, double[] distortion, int c) {
        double previousCapacity = 0;
        double previousDistortion = 0;
        for (int j = 0; j < snapshots; j++) {
            int b = j * 5;
            double capacity = 1.5 * pairs[b] + pairs[b + 1];
            double expected = 0.5 * pairs[b] + 1.5 * pairs[b + 1] + pairs[b + 3] + 2.0 * pairs[b + 4];
            if (capacity >= need) {
                double share = (need - previousCapacity) / (capacity - previousCapacity);
                distortion[c] = previousDistortion + share * (expected - previousDistortion);
                return;
            }
            previousCapacity = capacity;
            previousDistortion = expected;
        }
    }

    /** The bits {@link ClassedRule#write} spends on a single class of these bins. */
    private static int ruleBits(int left, int right) {
        return 2 + OPTION_BITS[left] + OPTION_BITS[right];
    }

    /** The gamma code length of each side option's code, by option (bins, then none). */
    private static final int[] OPTION_BITS = new int[BINS + 1];

    static {
        for (int option = 0; option <= BINS; option++) {
            OPTION_BITS[option] = gammaBits(code(option));
        }
    }

    private static int code(int option) {
        return option == NONE ? HalfMapping.NONE.code() : 2 * option + 1;
    }

    private static int gammaBits(int value) {
        return 2 * (31 - Integer.numberOfLeadingZeros(value)) + 1;
    }

    private static MirroredExpansion expansion(int left, int right) {
        MirroredExpansion e = EXPANSIONS[left][right];
        if (e == null) {
            e = new MirroredExpansion(left == NONE ? HalfMapping.NONE : HalfMapping.bin(left), right == NONE ? HalfMapping.NONE : HalfMapping.bin(right));
            EXPANSIONS[left][right] = e;
        }
        return e;
    }

    /** The {@link #WALKED} cheapest candidates offered, cheapest first; no bin on either side stands for pairwise expansion. */
    private static final class Best {
        final double[] cost = new double[WALKED];
        final int[] left = new int[WALKED];
        final int[] right = new int[WALKED];
        int size;

        void offer(double c, int l, int r) {
            int i = size < WALKED ? size++ : WALKED;
            while (i > 0 && cost[i - 1] > c) {
                if (i < WALKED) {
                    cost[i] = cost[i - 1];
                    left[i] = left[i - 1];
                    right[i] = right[i - 1];
                }
                i--;
            }
            if (i < WALKED) {
                cost[i] = c;
                left[i] = l;
                right[i] = r;
            }
        }
    }
}
