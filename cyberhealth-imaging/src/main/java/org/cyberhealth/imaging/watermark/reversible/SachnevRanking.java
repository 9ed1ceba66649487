package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/**
 * The layer strategy of Sachnev et al. (2009): rank by the local variance of the four rhombus
 * neighbours' differences, expand errors in {@code [Tn, Tp]} with thresholds as small as the payload
 * allows, and give each layer half of the payload.
 */
final class SachnevRanking implements LayerStrategy {

    /** A single threshold pair for the whole layer. */
    private record Thresholds(int tn, int tp, MirroredExpansion expansion) implements LayerRule {

        Thresholds(int tn, int tp) {
            this(tn, tp, new MirroredExpansion(HalfMapping.threshold(-tn - 1), HalfMapping.threshold(tp)));
        }

        @Override
        public ErrorExpansion at(int rank) {
            return expansion;
        }

        @Override
        public int runEnd(int rank) {
            return Integer.MAX_VALUE;
        }

        @Override
        public void write(Bits out) {
            BitReader.gamma(out, -tn);
            BitReader.gamma(out, 1 + tp);
        }
    }

    /**
     * Sixteen times the local variance of the paper's eq. (9): {@code mu = 1/4 sum (dv_k - mean dv)^2} over
     * the four differences between consecutive rhombus neighbours, computed exactly in integers
     * ({@code 4 sum dv^2 - (sum dv)^2}). Keys beyond the int range (only possible with more than 14-bit
     * samples) are clamped, so those extremely busy samples tie and keep scan order.
     */
    @Override
    public int[] rankingKeys(RhombusWindow window, int[] layer) {
        int[] keys = new int[layer.length];
        int[] v = window.values;
        int w = window.width;
        for (int i = 0; i < layer.length; i++) {
            int p = layer[i];
            long up = v[p - w];
            long left = v[p - 1];
            long down = v[p + w];
            long right = v[p + 1];
            long d1 = Math.abs(up - left);
            long d2 = Math.abs(left - down);
            long d3 = Math.abs(down - right);
            long d4 = Math.abs(right - up);
            long sum = d1 + d2 + d3 + d4;
            long key = 4 * (d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4) - sum * sum;
            keys[i] = (int) Math.min(Integer.MAX_VALUE, key);
        }
        return keys;
    }

    /**
     * The narrowest expansion interval {@code [Tn, Tp]} with {@code Tn < 0 <= Tp} that carries the bits
     * (so {@code (-1, 0)}, then {@code (-1, 1)}, then {@code (-2, 1)} or {@code (-1, 2)}, ...); of the
     * balanced intervals of that width, the one with less distortion. Requiring {@code Tn < 0} matters:
     * the one-sided {@code (0, 0)} often fits a small payload but needs many more samples, so costs
     * about 2 dB on Baboon at 10,000 bits.
     */
    @Override
    public LayerRule plan(LayerPass pass) {
        int[] carriers = pass.expandableErrors();
        int need = pass.bitsToCarry();
        int limit = Integer.MAX_VALUE / 4;
        int width = 2;
        while (!carries(carriers, need, width)) {
            if (width >= limit) {
                return null;
            }
            width = Math.min(limit, width * 2);
        }
        int failing = width == 2 ? 1 : width / 2;
        while (width - failing > 1) {
            int mid = (failing + width) >>> 1;
            if (carries(carriers, need, mid)) {
                width = mid;
            } else {
                failing = mid;
            }
        }
        return bestOfWidth(pass, width);
    }

    /** The lower thresholds {@code Tn} tried for intervals of {@code width}: the balanced ones. */
    private static int[] lowerThresholds(int width) {
        int tn = -(width / 2);
        return width % 2 == 1 || width == 2 ? new int[] {tn} : new int[] {tn, -Math.max(1, (width - 1) / 2)};
    }

    /**
     * Whether some interval of {@code width} carries {@code need} bits: a walk under thresholds
     * {@code (Tn, Tp)} completes exactly when that many of the layer's expandable errors lie in
     * {@code [Tn, Tp]}, so the search counts them instead of walking the layer each time.
     */
    private static boolean carries(int[] carriers, int need, int width) {
        for (int tn : lowerThresholds(width)) {
            int tp = tn + width - 1;
            int count = 0;
            for (int i = 0; i < carriers.length && count < need; i++) {
                if (carriers[i] >= tn && carriers[i] <= tp) {
                    count++;
                }
            }
            if (count >= need) {
                return true;
            }
        }
        return false;
    }

    private static LayerRule bestOfWidth(LayerPass pass, int width) {
        LayerRule best = null;
        long bestDistortion = Long.MAX_VALUE;
        for (int tn : lowerThresholds(width)) {
            Thresholds candidate = new Thresholds(tn, tn + width - 1);
            LayerPass.Walk walk = pass.embed(candidate, false);
            if (walk.complete() && walk.distortion() < bestDistortion) {
                best = candidate;
                bestDistortion = walk.distortion();
            }
        }
        return best;
    }

    @Override
    public LayerRule read(BitReader in, int usable) {
        int tn = -in.gamma();
        int tp = in.gamma() - 1;
        return new Thresholds(tn, tp);
    }

    @Override
    public int crossShare(RhombusWindow window, int payloadBits) {
        return (payloadBits + 1) / 2;
    }
}
