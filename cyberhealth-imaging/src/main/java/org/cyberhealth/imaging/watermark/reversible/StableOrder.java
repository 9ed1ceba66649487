package org.cyberhealth.imaging.watermark.reversible;

/**
 * Ascending, stable order of non-negative integer keys by LSD radix sort: linear time, no boxing, and
 * ties keep index order, which the extractor relies on to rebuild exactly the embedder's order. Each
 * key travels packed with its index ({@code key << 32 | index}), so the passes move one array
 * sequentially instead of looking keys up through the order. The digit width follows the keys' actual
 * bit length and the number of keys, so that a few hundred keys (one layer of a 32x32 block) do not pay
 * for thousands of empty buckets.
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
        long[] packed = ThreadBuffers.longs(ThreadBuffers.SORT_KEYS, n);
        for (int i = 0; i < n; i++) {
            max = Math.max(max, keys[i]);
            packed[i] = (long) keys[i] << 32 | i;
        }
        int keyBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
        int widest = n < SMALL ? SMALL_DIGIT_BITS : MAX_DIGIT_BITS;
        int passes = (keyBits + widest - 1) / widest;
        int digitBits = (keyBits + passes - 1) / passes;
        int buckets = 1 << digitBits;
        int mask = buckets - 1;
        long[] scratch = ThreadBuffers.longs(ThreadBuffers.SORT_SCRATCH, n);
        int[] counts = new int[buckets + 1];
        for (int pass = 0, shift = 32; pass < passes; pass++, shift += digitBits) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[((int) (packed[i] >>> shift) & mask) + 1]++;
            }
            for (int d = 0; d < buckets; d++) {
                counts[d + 1] += counts[d];
            }
            for (int i = 0; i < n; i++) {
                long entry = packed[i];
                scratch[counts[(int) (entry >>> shift) & mask]++] = entry;
            }
            long[] swap = packed;
            packed = scratch;
            scratch = swap;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) packed[i];
        }
        return order;
    }
}
