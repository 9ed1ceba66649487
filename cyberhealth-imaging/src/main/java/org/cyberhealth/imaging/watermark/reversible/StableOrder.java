package org.cyberhealth.imaging.watermark.reversible;

/**
 * Ascending, stable order of non-negative integer keys in linear time, with no boxing; ties keep index
 * order, which the extractor relies on to rebuild exactly the embedder's order.
 * <ul>
 *   <li>Keys spanning few values against their number (an 8-bit block's keys: a few thousand values for
 *       two thousand samples) take one counting pass: count, add up, place.</li>
 *   <li>Others take an LSD radix sort. Each key travels packed with its index ({@code key << shift |
 *       index}, in an int when both fit, else a long), so the passes move one array sequentially
 *       instead of looking keys up through the order. The digit width follows the keys' bit length and
 *       their number, so that a few hundred keys (one layer of a 32x32 block) do not pay for thousands
 *       of empty buckets.</li>
 * </ul>
 */
final class StableOrder {

    private static final int MAX_DIGIT_BITS = 11;
    private static final int SMALL_DIGIT_BITS = 8;
    private static final int SMALL = 4096;
    /** Counting takes one pass over the keys and one over the buckets: worth it up to this many buckets a key. */
    private static final int COUNTING_BUCKETS_PER_KEY = 4;

    private StableOrder() {
    }

    /** The indices {@code 0..n-1} sorted by {@code keys[i]} ascending, ties by index. */
    static int[] ascending(int[] keys, int n) {
        return sorted(keys, null, n);
    }

    /**
     * {@code items} (as many as {@code keys}) reordered by ascending key, ties in their given order:
     * {@code items[ascending(keys)[r]]} at rank {@code r}, without building the index order first.
     */
    static int[] itemsAscending(int[] keys, int[] items) {
        return sorted(keys, items, items.length);
    }

    /** The first {@code n} items (their indices when {@code items} is null) by ascending key. */
    private static int[] sorted(int[] keys, int[] items, int n) {
        int max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, keys[i]);
        }
        if (max < COUNTING_BUCKETS_PER_KEY * (long) Math.max(n, 64)) {
            return counted(keys, items, n, max);
        }
        int keyBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(max));
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        int[] order = keyBits + indexBits <= 31 ? radixInts(keys, n, keyBits, indexBits) : radixLongs(keys, n, keyBits);
        if (items != null) {
            for (int i = 0; i < n; i++) {
                order[i] = items[order[i]];
            }
        }
        return order;
    }

    /** Counting sort over the key values {@code 0..max}. */
    private static int[] counted(int[] keys, int[] items, int n, int max) {
        int[] starts = new int[max + 2];
        for (int i = 0; i < n; i++) {
            starts[keys[i] + 1]++;
        }
        for (int k = 0; k <= max; k++) {
            starts[k + 1] += starts[k];
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[starts[keys[i]]++] = items == null ? i : items[i];
        }
        return out;
    }

    /** Radix sort of keys packed with their indices in ints ({@code keyBits + indexBits <= 31}). */
    private static int[] radixInts(int[] keys, int n, int keyBits, int indexBits) {
        int[] packed = ThreadBuffers.ints(ThreadBuffers.SORT_KEYS_INT, n);
        for (int i = 0; i < n; i++) {
            packed[i] = keys[i] << indexBits | i;
        }
        int[] scratch = ThreadBuffers.ints(ThreadBuffers.SORT_SCRATCH_INT, n);
        int passes = passes(keyBits, n);
        int digitBits = (keyBits + passes - 1) / passes;
        int mask = (1 << digitBits) - 1;
        int[] counts = new int[(1 << digitBits) + 1];
        for (int pass = 0, shift = indexBits; pass < passes; pass++, shift += digitBits) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(packed[i] >>> shift & mask) + 1]++;
            }
            for (int d = 0; d < mask + 1; d++) {
                counts[d + 1] += counts[d];
            }
            for (int i = 0; i < n; i++) {
                int entry = packed[i];
                scratch[counts[entry >>> shift & mask]++] = entry;
            }
            int[] swap = packed;
            packed = scratch;
            scratch = swap;
        }
        int[] order = new int[n];
        int indexMask = (1 << indexBits) - 1;
        for (int i = 0; i < n; i++) {
            order[i] = packed[i] & indexMask;
        }
        return order;
    }

    /** Radix sort of keys packed with their indices in longs ({@code key << 32 | index}). */
    private static int[] radixLongs(int[] keys, int n, int keyBits) {
        long[] packed = ThreadBuffers.longs(ThreadBuffers.SORT_KEYS, n);
        for (int i = 0; i < n; i++) {
            packed[i] = (long) keys[i] << 32 | i;
        }
        long[] scratch = ThreadBuffers.longs(ThreadBuffers.SORT_SCRATCH, n);
        int passes = passes(keyBits, n);
        int digitBits = (keyBits + passes - 1) / passes;
        int mask = (1 << digitBits) - 1;
        int[] counts = new int[(1 << digitBits) + 1];
        for (int pass = 0, shift = 32; pass < passes; pass++, shift += digitBits) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[((int) (packed[i] >>> shift) & mask) + 1]++;
            }
            for (int d = 0; d < mask + 1; d++) {
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

    private static int passes(int keyBits, int n) {
        int widest = n < SMALL ? SMALL_DIGIT_BITS : MAX_DIGIT_BITS;
        return (keyBits + widest - 1) / widest;
    }
}
