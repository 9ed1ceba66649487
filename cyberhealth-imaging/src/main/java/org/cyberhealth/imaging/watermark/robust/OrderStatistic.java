package org.cyberhealth.imaging.watermark.robust;

import java.util.Arrays;

/**
 * The k-th smallest of some numbers without sorting them all: a most-significant-digit radix selection
 * (the selection counterpart of the radix sort in Knuth, The Art of Computer Programming, vol. 3,
 * section 5.2.5). Each number's bit pattern is turned into a key whose unsigned order is the numbers'
 * order; a count of the keys' top digit tells which digit the k-th key has, only the keys with that
 * digit are kept, and the next digit decides among them. The median zone noise is needed for every
 * embedding and every reading, over tens of thousands of zones; Hoare's partitioning selection
 * ("Algorithm 65: FIND", 1961), used before, spent most of its time on comparisons whose outcome the
 * processor could not predict, where counting a digit takes none.
 */
final class OrderStatistic {

    /** Bits of a digit: 2048 counters, and six rounds at most for 64-bit keys. */
    private static final int DIGIT_BITS = 11;
    private static final int DIGIT_MASK = (1 << DIGIT_BITS) - 1;

    private OrderStatistic() {}

    /**
     * The value that {@link Arrays#sort(double[], int, int)} would put at index {@code k} of the first
     * {@code count} numbers of {@code values} (none of them NaN); {@code values} is left unchanged.
     */
    static double select(double[] values, int count, int k) {
        return select(values, count, k, new long[count]);
    }

    /** {@link #select(double[], int, int)} with {@code keys}, at least {@code count} of them, as scratch. */
    static double select(double[] values, int count, int k, long[] keys) {
        if (k < 0 || k >= count || count > values.length || count > keys.length) {
            throw new IllegalArgumentException("place " + k + " among " + count + " numbers");
        }
        for (int i = 0; i < count; i++) {
            keys[i] = keyOf(values[i]);
        }
        int[] counts = new int[1 << DIGIT_BITS];
        int left = count;
        int rank = k;
        // digits from the top: bits 53-63, 42-52, ..., 9-19, then 0-10 (bits 9 and 10, shared with the
        // digit before, are the same in every key left)
        for (int shift = 64 - DIGIT_BITS; left > 1; shift -= DIGIT_BITS) {
            int at = Math.max(0, shift);
            Arrays.fill(counts, 0);
            for (int i = 0; i < left; i++) {
                counts[(int) (keys[i] >>> at) & DIGIT_MASK]++;
            }
            int digit = 0;
            while (rank >= counts[digit]) {
                rank -= counts[digit++];
            }
            // keep, in place, the keys with that digit
            int kept = 0;
            for (int i = 0; i < left; i++) {
                long key = keys[i];
                keys[kept] = key;
                kept += ((int) (key >>> at) & DIGIT_MASK) == digit ? 1 : 0;
            }
            left = kept;
            if (at == 0) {
                // every key left is the same
                break;
            }
        }
        return valueOf(keys[rank]);
    }

    /**
     * A key whose unsigned order is the order {@link Arrays#sort(double[])} gives: a positive number's
     * pattern with its sign bit set, a negative number's pattern inverted (larger magnitudes lower).
     */
    private static long keyOf(double value) {
        long bits = Double.doubleToRawLongBits(value);
        return bits ^ (bits >> 63 | Long.MIN_VALUE);
    }

    private static double valueOf(long key) {
        return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
    }
}
