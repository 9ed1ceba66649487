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
 * computed once, and so are partial sums that several keys share. Every step runs over the whole window
 * in a loop the JIT turns into vector instructions, and the layer's keys are then picked out: more
 * additions than gathering each key's ten terms sample by sample, but far fewer instructions. The JIT
 * (C2, Java 17) vectorizes a loop only when all its array accesses share one alignment, which
 * neighbours one sample or one row apart do not: so every loop reads all its arrays at the same index,
 * and a neighbour aside is read from a copy of its array shifted by that much ({@link System#arraycopy},
 * itself a vector copy).
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
        if (layer.length == 0) {
            // a window narrower or lower than three samples has no inner sample
            return new int[0];
        }
        int w = window.width;
        int h = window.height;
        int n = window.values.length;
        int end = (h - 1) * w;
        // downRight[q] = |v[q] - v[q + w + 1]|, downLeft[q] = |v[q] - v[q + w - 1]|, both = their sum, for
        // all rows but the last
        int[] downRight = ThreadBuffers.ints(ThreadBuffers.DOWN_RIGHT, n);
        int[] downLeft = ThreadBuffers.ints(ThreadBuffers.DOWN_LEFT, n);
        int[] both = ThreadBuffers.ints(ThreadBuffers.BOTH_DIAGONALS, n);
        differences(window, downRight, downLeft);
        for (int q = 0; q < end; q++) {
            both[q] = downRight[q] + downLeft[q];
        }
        // A sample's sixteen differences are the ten terms
        //   both[p - w] + both[p + w] + both[p - 1] + both[p + 1] + both[p - 2w - 1] + both[p - 2w + 1]
        //   + downRight[p - w - 2] + downRight[p + w - 2] + downLeft[p - w + 2] + downLeft[p + w + 2],
        // which are half[p - w] + half[p + w] with half[q] = both[q] + downRight[q - 2] + downLeft[q + 2]
        // + both[q - w - 1] + both[q - w + 1]; ring[q] = half[q] + half[q + 2w] is then the sum of the
        // sample one row below q. Entries whose terms leave the window are wrong and never used.
        int[] half = ThreadBuffers.ints(ThreadBuffers.HALF_SUMS, n);
        int[] upLeft = shifted(both, ThreadBuffers.SHIFTED_A, -w - 1, end);
        int[] upRight = shifted(both, ThreadBuffers.SHIFTED_B, -w + 1, end);
        int[] rightTwoLeft = shifted(downRight, ThreadBuffers.SHIFTED_C, -2, end);
        int[] leftTwoRight = shifted(downLeft, ThreadBuffers.SHIFTED_D, 2, end);
        for (int q = 0; q < end; q++) {
            half[q] = both[q] + rightTwoLeft[q] + leftTwoRight[q] + upLeft[q] + upRight[q];
        }
        int[] ring = ThreadBuffers.ints(ThreadBuffers.RING_SUMS, n);
        int[] halfBelow = shifted(half, ThreadBuffers.SHIFTED_A, 2 * w, end);
        for (int q = 0; q < end - 2 * w; q++) {
            ring[q] = half[q] + halfBelow[q];
        }
        // closer than two to the border: the rhombus alone (north-east, east-south, south-west, west-north)
        for (int y = 1; y < h - 1; y++) {
            boolean borderRow = y < 2 || y >= h - 2;
            for (int x = 1; x < w - 1; x = borderRow || x >= w - 2 ? x + 1 : Math.max(x + 1, w - 2)) {
                int p = y * w + x;
                ring[p - w] = 4 * (downRight[p - w] + downLeft[p + 1] + downRight[p - 1] + downLeft[p - w]);
            }
        }
        int[] keys = new int[layer.length];
        for (int i = 0; i < layer.length; i++) {
            keys[i] = ring[layer[i] - w];
        }
        return keys;
    }

    /** Fills {@code downRight} and {@code downLeft} for the rows but the last (see {@link #keys}). */
    private static void differences(RhombusWindow window, int[] downRight, int[] downLeft) {
        int w = window.width;
        int h = window.height;
        int[] v = window.values;
        int end = (h - 1) * w;
        if ((long) window.maxValue - window.minValue < DIFFERENCE_CAP) {
            // every medical format: plain int differences, in aligned loops (see the class comment)
            int[] below = shifted(v, ThreadBuffers.SHIFTED_A, w + 1, end - 1);
            for (int q = 0; q < end - 1; q++) {
                downRight[q] = Math.abs(v[q] - below[q]);
            }
            below = shifted(v, ThreadBuffers.SHIFTED_A, w - 1, end);
            for (int q = 1; q < end; q++) {
                downLeft[q] = Math.abs(v[q] - below[q]);
            }
        } else {
            for (int q = 0; q < end - 1; q++) {
                downRight[q] = difference(v[q], v[q + w + 1]);
            }
            for (int q = 1; q < end; q++) {
                downLeft[q] = difference(v[q], v[q + w - 1]);
            }
        }
        for (int row = 0; row < end; row += w) {
            downRight[row + w - 1] = 0;
            downLeft[row] = 0;
        }
    }

    /**
     * {@code out[q] = in[q + shift]} for the {@code q < length} where {@code q + shift} lies in {@code in}
     * (the others are not read): the copy that gives a neighbour {@code shift} samples aside the same
     * index, and so the same alignment, as the sample itself.
     */
    private static int[] shifted(int[] in, int slot, int shift, int length) {
        int[] out = ThreadBuffers.ints(slot, length + 2);
        int from = Math.max(0, shift);
        int to = Math.max(0, -shift);
        System.arraycopy(in, from, out, to, Math.min(length - to, in.length - from));
        return out;
    }

    private static int difference(int a, int b) {
        return (int) Math.min(DIFFERENCE_CAP, Math.abs((long) a - b));
    }
}
