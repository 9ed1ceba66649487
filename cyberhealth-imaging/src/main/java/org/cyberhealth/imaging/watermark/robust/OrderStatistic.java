package org.cyberhealth.imaging.watermark.robust;

/**
 * The k-th smallest of some numbers without sorting them all: Hoare's selection ("Algorithm 65:
 * FIND", Communications of the ACM 4(7):321-322, 1961), which partitions around a pivot and keeps
 * only the side that holds the k-th place, in linear expected time. The median zone noise is needed
 * for every embedding and every reading, over tens of thousands of zones.
 */
final class OrderStatistic {

    private OrderStatistic() {}

    /**
     * The value that would stand at index {@code k} if the first {@code count} numbers of {@code values}
     * (none of them NaN) were sorted in increasing order; reorders those numbers.
     */
    static double select(double[] values, int count, int k) {
        if (k < 0 || k >= count || count > values.length) {
            throw new IllegalArgumentException("place " + k + " among " + count + " numbers");
        }
        int left = 0;
        int right = count - 1;
        while (left < right) {
            // The median of three as pivot keeps sorted or nearly sorted input (smooth pictures) linear.
            double pivot = medianOfThree(values[left], values[(left + right) >>> 1], values[right]);
            int i = left;
            int j = right;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i++] = values[j];
                    values[j--] = t;
                }
            }
            // Now values[left..j] <= pivot <= values[i..right], and values strictly between j and i equal the pivot.
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
