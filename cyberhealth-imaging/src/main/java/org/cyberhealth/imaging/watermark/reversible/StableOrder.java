package org.cyberhealth.imaging.watermark.reversible;

/**
 * Ascending, stable order of non-negative integer keys by LSD radix sort: linear time, no boxing, and
 * ties keep index order, which the extractor relies on to rebuild exactly the embedder's order.
 */
final class StableOrder {

    private static final int DIGIT_BITS = 11;
    private static final int BUCKETS = 1 << DIGIT_BITS;

    private StableOrder() {
    }

    /** The indices {@code 0..n-1} sorted by {@code keys[i]} ascending, ties by index. */
    static int[] ascending(int[] keys, int n) {
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, keys[i]);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] scratch = new int[n];
        int[] counts = new int[BUCKETS + 1];
        for (int shift = 0; shift == 0 || (max >>> shift) != 0; shift += DIGIT_BITS) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(keys[order[i]] >>> shift & (BUCKETS - 1)) + 1]++;
            }
            for (int d = 0; d < BUCKETS; d++) {
                counts[d + 1] += counts[d];
            }
            for (int i = 0; i < n; i++) {
                int index = order[i];
                scratch[counts[keys[index] >>> shift & (BUCKETS - 1)]++] = index;
            }
            int[] swap = order;
            order = scratch;
            scratch = swap;
            if (shift + DIGIT_BITS >= 32) {
                break;
            }
        }
        return order;
    }
}
