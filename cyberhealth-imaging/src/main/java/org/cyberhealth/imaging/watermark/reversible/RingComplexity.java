package org.cyberhealth.imaging.watermark.reversible;

/**
 * A finer local complexity than Sachnev's four-neighbour variance: the sum of absolute differences
 * between diagonally adjacent samples of the other layer in the 5x5 neighbourhood (the rhombus itself
 * and the ring of eight samples around it: sixteen differences), in the spirit of the neighbourhood
 * complexities of Li et al. (2013, 2015). Only other-layer samples are read, so the extractor computes
 * the same value. Samples closer than two to the window border fall back to four times the rhombus sum,
 * which has the same scale.
 *
 * <p>Every diagonal difference is shared by several samples' sums, so the window's differences are
 * computed once, in two straight passes, and each key adds ten of them: the six positions whose
 * down-right and down-left differences both count, and four that count one way only.
 */
final class RingComplexity {

    /**
     * Differences are capped here so that sixteen of them add up in an int; only samples wider than 26
     * bits (no medical format) can reach it.
     */
    private static final int DIFFERENCE_CAP = 1 << 26;

    private RingComplexity() {
    }

    static int[] keys(RhombusWindow window, int[] layer) {
        int w = window.width;
        int h = window.height;
        int[] v = window.values;
        // downRight[q] = |v[q] - v[q + w + 1]|, downLeft[q] = |v[q] - v[q + w - 1]|, both = their sum;
        // reused buffers, so the differences that leave the window are set to 0 rather than left stale
        int[] downRight = ThreadBuffers.ints(ThreadBuffers.DOWN_RIGHT, v.length);
        int[] downLeft = ThreadBuffers.ints(ThreadBuffers.DOWN_LEFT, v.length);
        int[] both = ThreadBuffers.ints(ThreadBuffers.BOTH_DIAGONALS, v.length);
        for (int y = 0; y < h - 1; y++) {
            int row = y * w;
            for (int q = row; q < row + w - 1; q++) {
                downRight[q] = difference(v[q], v[q + w + 1]);
            }
            downRight[row + w - 1] = 0;
            downLeft[row] = 0;
            for (int q = row + 1; q < row + w; q++) {
                downLeft[q] = difference(v[q], v[q + w - 1]);
            }
            for (int q = row; q < row + w; q++) {
                both[q] = downRight[q] + downLeft[q];
            }
        }
        int[] keys = new int[layer.length];
        int y = 0;
        for (int i = 0; i < layer.length; i++) {
            int p = layer[i];
            while (p >= (y + 1) * w) {
                y++;
            }
            int x = p - y * w;
            if (x >= 2 && y >= 2 && x < w - 2 && y < h - 2) {
                int up = p - w;
                int down = p + w;
                keys[i] = both[up] + both[p - 1] + both[p + 1] + both[down] + both[up - w - 1] + both[up - w + 1]
                        + downRight[up - 2] + downRight[down - 2] + downLeft[up + 2] + downLeft[down + 2];
            } else {
                // the rhombus alone: north-east, east-south, south-west, west-north
                keys[i] = 4 * (downRight[p - w] + downLeft[p + 1] + downRight[p - 1] + downLeft[p - w]);
            }
        }
        return keys;
    }

    private static int difference(int a, int b) {
        return (int) Math.min(DIFFERENCE_CAP, Math.abs((long) a - b));
    }
}
