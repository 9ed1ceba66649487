package org.cyberhealth.imaging.watermark.reversible;

/**
 * The layer strategy of {@link AdaptiveMhmScheme}: rank by {@link RingComplexity}, then choose how many
 * of the smoothest samples to use and, within them, one expansion per complexity class with
 * {@link ExpansionOptimizer}; the candidate that actually embeds with the least squared error wins.
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
            return new ClassedRule(0, new MirroredExpansion[] {MirroredExpansion.IDENTITY}, usable);
        }
        int[] errors = new int[usable];
        for (int rank = 0; rank < usable; rank++) {
            errors[rank] = pass.error(rank);
        }
        LayerRule best = null;
        long bestDistortion = Long.MAX_VALUE;
        for (int length = usable; length >= need; length /= 2) {
            int classes = ClassedRule.classesFor(length);
            ExpansionOptimizer optimizer = new ExpansionOptimizer(errors, length, classes);
            double target = need;
            for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
                MirroredExpansion[] expansions = optimizer.solve(target);
                if (expansions == null) {
                    break;
                }
                ClassedRule rule = new ClassedRule(length, expansions, usable);
                LayerPass.Walk walk = pass.embed(rule, false);
                if (walk != null) {
                    if (walk.distortion() < bestDistortion) {
                        best = rule;
                        bestDistortion = walk.distortion();
                    }
                    break;
                }
                target += Math.max(16, need / 32.0);
            }
        }
        return best;
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
