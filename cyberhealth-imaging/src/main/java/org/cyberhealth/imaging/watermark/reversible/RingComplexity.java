package org.cyberhealth.imaging.watermark.reversible;

/**
 * A finer local complexity than Sachnev's four-neighbour variance: the sum of absolute differences
 * between diagonally adjacent samples of the other layer in the 5x5 neighbourhood (the rhombus itself
 * and the ring of eight samples around it: sixteen differences), in the spirit of the neighbourhood
 * complexities of Li et al. (2013, 2015). Only other-layer samples are read, so the extractor computes
 * the same value. Samples closer than two to the window border fall back to four times the rhombus sum,
 * which has the same scale.
 */
final class RingComplexity {

    /** Offsets (dx, dy) of pairs of other-layer samples, as {x1, y1, x2, y2}. */
    private static final int[][] RING_PAIRS = {
        {0, -1, 1, 0}, {1, 0, 0, 1}, {0, 1, -1, 0}, {-1, 0, 0, -1},
        {0, -1, 1, -2}, {0, -1, -1, -2}, {1, 0, 2, -1}, {1, 0, 2, 1},
        {0, 1, 1, 2}, {0, 1, -1, 2}, {-1, 0, -2, 1}, {-1, 0, -2, -1},
        {1, -2, 2, -1}, {2, 1, 1, 2}, {-1, 2, -2, 1}, {-2, -1, -1, -2},
    };

    private RingComplexity() {
    }

    static int[] keys(RhombusWindow window, int[] layer) {
        int w = window.width;
        int h = window.height;
        int[] v = window.values;
        int[] pairOffsets = new int[RING_PAIRS.length * 2];
        for (int i = 0; i < RING_PAIRS.length; i++) {
            pairOffsets[2 * i] = RING_PAIRS[i][1] * w + RING_PAIRS[i][0];
            pairOffsets[2 * i + 1] = RING_PAIRS[i][3] * w + RING_PAIRS[i][2];
        }
        int[] keys = new int[layer.length];
        for (int i = 0; i < layer.length; i++) {
            int p = layer[i];
            int x = p % w;
            int y = p / w;
            long sum = 0;
            if (x >= 2 && y >= 2 && x < w - 2 && y < h - 2) {
                for (int k = 0; k < pairOffsets.length; k += 2) {
                    sum += Math.abs((long) v[p + pairOffsets[k]] - v[p + pairOffsets[k + 1]]);
                }
            } else {
                for (int k = 0; k < 8; k += 2) {
                    sum += 4 * Math.abs((long) v[p + pairOffsets[k]] - v[p + pairOffsets[k + 1]]);
                }
            }
            keys[i] = (int) Math.min(Integer.MAX_VALUE, sum);
        }
        return keys;
    }
}
