package org.cyberhealth.imaging.watermark.reversible;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.cyberhealth.core.bits.Bits;

/**
 * The layer strategy of {@link AdaptiveMhmScheme}: rank by {@link RingComplexity}, then choose how many
 * of the smoothest samples to use and, within them, one expansion per complexity class with
 * {@link ExpansionOptimizer}; the candidate with the least expected cost that actually fits wins.
 */
final class MhmRanking implements LayerStrategy {

    private static final int MAX_RETRIES = 12;

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
        int[] errors = new int[usable];
        for (int rank = 0; rank < usable; rank++) {
            errors[rank] = pass.error(rank);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int length = usable; length >= need; length /= 2) {
            int[] classCounts = ClassedRule.classCountsFor(length);
            ExpansionOptimizer finest = new ExpansionOptimizer(errors, length, classCounts[classCounts.length - 1]);
            for (int classes : classCounts) {
                ExpansionOptimizer optimizer = finest.merged(classes);
                ExpansionOptimizer.Solution solution = optimizer.solve(need);
                if (solution != null) {
                    ClassedRule rule = new ClassedRule(length, solution.expansions(), solution.pairwise(), usable);
                    Bits side = new Bits();
                    rule.write(side);
                    candidates.add(new Candidate(optimizer, length, solution, solution.distortion() + side.length()));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::cost));
        for (Candidate candidate : candidates) {
            double target = need;
            for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
                ExpansionOptimizer.Solution solution = attempt == 0 ? candidate.solution() : candidate.optimizer().solve(target);
                if (solution == null) {
                    break;
                }
                ClassedRule rule = new ClassedRule(candidate.length(), solution.expansions(), solution.pairwise(), usable);
                LayerPass.Walk walk = pass.embed(rule, false);
                if (walk.complete()) {
                    return rule;
                }
                // samples skipped for overflow cost capacity the histograms promised: ask for that much more
                target = target * need / Math.max(1, walk.carried()) + 16;
            }
        }
        return null;
    }

    /**
     * A way to cut the smoothest {@code length} ranks into classes, with its expected cost: squared error
     * plus one unit per side-information bit (about what a bit costs to embed); {@code solution} is its
     * solution for exactly the bits to carry.
     */
    private record Candidate(ExpansionOptimizer optimizer, int length, ExpansionOptimizer.Solution solution, double cost) {
    }

    @Override
    public LayerRule read(BitReader in, int usable) {
        return ClassedRule.read(in, usable);
    }

    @Override
    public int crossShare(RhombusWindow window, int payloadBits) {
        return (payloadBits + 1) / 2;
    }
}
