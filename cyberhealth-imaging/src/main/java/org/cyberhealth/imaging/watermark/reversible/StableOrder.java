package org.cyberhealth.imaging.watermark.reversible;

/**
 * Ascending, stable order of non-negative integer keys by LSD radix sort: linear time, no boxing, and
 * ties keep index order, which the extractor relies on to rebuild exactly the embedder's order. The
 * digit width follows the keys' actual bit length and the number of keys, so that a few hundred keys
 * (one layer of a 32x32 block) do not pay for thousands of empty buckets.
 */
final class StableOrder {

    private static final int MAX_DIGIT_BITS = 11;
    private static final int SMALL_DIGIT_BITS = 8;
    private static final int SMALL = 4096;

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
        int keyBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
        int widest = n < SMALL ? SMALL_DIGIT_BITS : MAX_DIGIT_BITS;
        int passes = (keyBits + widest - 1) / widest;
        int digitBits = (keyBits + passes - 1) / passes;
        int buckets = 1 << digitBits;
        int mask = buckets - 1;
        int[] scratch = new int[n];
        int[] counts = new int[buckets + 1];
        for (int pass = 0, shift = 0; pass < passes; pass++, shift += digitBits) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(keys[order[i]] >>> shift & mask) + 1]++;
            }
            for (int d = 0; d < buckets; d++) {
                counts[d + 1] += counts[d];
            }
            for (int i = 0; i < n; i++) {
                int index = order[i];
                scratch[counts[keys[index] >>> shift & mask]++] = index;
            }
            int[] swap = order;
            order = scratch;
            scratch = swap;
        }
        return order;
    }
}
