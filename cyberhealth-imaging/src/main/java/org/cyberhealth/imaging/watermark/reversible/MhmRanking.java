package org.cyberhealth.imaging.watermark.reversible;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.cyberhealth.core.bits.Bits;

/**
 * The layer strategy of {@link AdaptiveMhmScheme}: rank by {@link RingComplexity}, then choose how many
 * of the smoothest samples to plan for and, within them, one expansion per complexity class with
 * {@link ExpansionOptimizer}. The candidates with the least expected cost are walked, and the least
 * measured cost that fits wins.
 *
 * <p>Cost is squared error plus the side information the extractor will need (rule, end rank, location
 * map), each bit counted at what a bit costs to embed at this payload (the optimizer's multiplier) plus
 * half a unit: a layer's side information is carried by the dot layer and, for the dot layer, first
 * replaces least significant bits. Side information that fits the room the dot layer already reserved
 * costs nothing more. At the small payloads of a crypto-watermark block (about a hundred bits in 64x64
 * samples) side information is a third of what a block embeds: counted at one unit a bit, without its
 * end rank and location map, it chose far histogram bins whose codes and overflow flags cost more than
 * their distortion saved, and the scheme lost up to 2.8 dB to Sachnev's on the seal benchmark.
 *
 * <p>Layers asked for a small payload (up to {@link SmallPayloadPlanner#MAX_BITS} bits: every block of a
 * crypto-watermark) are planned by {@link SmallPayloadPlanner} in one pass instead, which the search
 * backs up only where no bin pair carries the payload: the search was 40 % of marking a 512x512 CT
 * (about 12 ms of 30), the pass with its few walks is under half of that, and the seal benchmark's
 * PSNR is as good or better.
 */
final class MhmRanking implements LayerStrategy {

    private static final int MAX_RETRIES = 12;

    /** How many of the best expected candidates are walked to measure their cost. */
    private static final int WALKED_CANDIDATES = 8;

    /** Planned lengths shrink by this factor from the whole layer down to the payload. */
    private static final double LENGTH_STEP = Math.sqrt(2);

    @Override
    public int[] rankingKeys(RhombusWindow window, int[] layer) {
        return RingComplexity.keys(window, layer);
    }

    @Override
    public LayerRule plan(LayerPass pass) {
        int usable = pass.usable();
        int need = pass.bitsToCarry();
        if (need == 0) {
            return ClassedRule.untouched(usable);
        }
        if (need <= SmallPayloadPlanner.MAX_BITS) {
            LayerRule quick = SmallPayloadPlanner.plan(pass);
            if (quick != null) {
                return quick;
            }
        }
        return search(pass);
    }

    /** The search of the class comment, for any payload. */
    LayerRule search(LayerPass pass) {
        int usable = pass.usable();
        int need = pass.bitsToCarry();
        int[] errors = pass.errors();
        List<Candidate> candidates = new ArrayList<>();
        int[] lengths = plannedLengths(usable, need);
        int singleClass = 0;
        while (singleClass < lengths.length && ClassedRule.classCountsFor(lengths[singleClass]).length == 1) {
            singleClass++;
        }
        ExpansionOptimizer[] prefixes = ExpansionOptimizer.ofPrefixes(errors, java.util.Arrays.copyOf(lengths, singleClass));
        for (int i = 0; i < lengths.length; i++) {
            int length = lengths[i];
            int[] classCounts = ClassedRule.classCountsFor(length);
            ExpansionOptimizer finest = i < singleClass ? prefixes[i] : new ExpansionOptimizer(errors, length, classCounts[classCounts.length - 1]);
            for (int classes : classCounts) {
                ExpansionOptimizer optimizer = finest.merged(classes);
                ExpansionOptimizer.Solution solution = optimizer.solve(need);
                if (solution != null) {
                    Bits code = new Bits();
                    rule(length, solution, usable).write(code);
                    double cost = solution.distortion() + (solution.bitCost() + 0.5) * code.length();
                    candidates.add(new Candidate(optimizer, length, solution, code, cost));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::cost));
        // The expected cost only estimates (bits land where the histograms say on average, the walk stops
        // early): the few best estimates are walked, and the least measured cost wins. Several planned
        // lengths often choose the same single-class rule; it is walked once.
        ClassedRule best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int walked = 0;
        List<Bits> seen = new ArrayList<>();
        for (int c = 0; c < candidates.size() && walked < WALKED_CANDIDATES; c++) {
            Candidate candidate = candidates.get(c);
            if (seen.contains(candidate.code())) {
                continue;
            }
            seen.add(candidate.code());
            double target = need;
            for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
                ExpansionOptimizer.Solution solution = attempt == 0 ? candidate.solution() : candidate.optimizer().solve(target);
                if (solution == null) {
                    break;
                }
                ClassedRule rule = rule(candidate.length(), solution, usable);
                LayerPass.Walk walk = pass.embed(rule, false);
                if (walk.complete()) {
                    int unpaidSide = Math.max(0, pass.sideInformation(rule, walk).length() - pass.paidSideBits());
                    double cost = walk.distortion() + (solution.bitCost() + 0.5) * unpaidSide;
                    if (cost < bestCost) {
                        best = rule;
                        bestCost = cost;
                    }
                    walked++;
                    break;
                }
                // samples skipped for overflow cost capacity the histograms promised: ask for that much more
                target = target * need / Math.max(1, walk.carried()) + 16;
            }
        }
        return best;
    }

    /** The lengths to plan for, ascending: the whole layer, then shorter by {@link #LENGTH_STEP}, down to the payload. */
    private static int[] plannedLengths(int usable, int need) {
        int[] lengths = new int[64];
        int count = 0;
        for (double planned = usable; planned >= need && count < lengths.length; planned /= LENGTH_STEP) {
            lengths[count++] = (int) planned;
        }
        int[] ascending = new int[count];
        for (int i = 0; i < count; i++) {
            ascending[i] = lengths[count - 1 - i];
        }
        return ascending;
    }

    /** A single class covers the whole usable layer, classes cut the planned length. */
    private static ClassedRule rule(int length, ExpansionOptimizer.Solution solution, int usable) {
        if (solution.expansions().length == 1) {
            return ClassedRule.single(solution.expansions()[0], solution.pairwise()[0], usable);
        }
        return new ClassedRule(length, solution.expansions(), solution.pairwise(), usable);
    }

    /**
     * A way to cut the smoothest {@code length} ranks into classes, with its expected cost (see the class
     * comment); {@code solution} is its solution for exactly the bits to carry, {@code code} its rule as
     * written, which identifies it.
     */
    private record Candidate(ExpansionOptimizer optimizer, int length, ExpansionOptimizer.Solution solution, Bits code, double cost) {
    }

    @Override
    public LayerRule read(BitReader in, int usable) {
        return ClassedRule.read(in, usable);
    }

    /**
     * More than half while the payload is small against the layer: the dot layer also carries the cross
     * layer's side information and the least significant bits its own header displaces, about four
     * end-rank fields' worth in all. Measured on the seal benchmark (a hundred bits in a 64x64 block):
     * shifting 55 to 110 bits to the cross layer beat half and half on every image, 80 best. As the
     * payload grows against the layer the side information fades into noise and the share goes back to
     * half, where whole images at 0.5 bpp measured best.
     */
    @Override
    public int crossShare(RhombusWindow window, int payloadBits) {
        if (payloadBits == 0) {
            return 0;
        }
        int sideInformation = 4 * (BitReader.widthOf(window.dot.length) + 9);
        double smallness = Math.min(1.0, window.dot.length / (8.0 * payloadBits));
        int overhead = (int) (sideInformation * smallness);
        return Math.min(payloadBits, (payloadBits + overhead + 1) / 2);
    }
}
