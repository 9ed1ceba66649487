package org.cyberhealth.tabular.utility;

/** Counts in equal-width bins over a fixed range (values outside fall in the end bins). */
final class Histogram {

    static final int BINS = 64;
    private final double low;
    private final double width;
    private final long[] counts = new long[BINS];
    private long total;

    Histogram(double low, double high) {
        this.low = low;
        this.width = high > low ? (high - low) / BINS : 1;
    }

    void add(double value) {
        int bin = (int) Math.floor((value - low) / width);
        counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        total++;
    }

    /** Total variation distance between the two normalised histograms (0 = same shape, 1 = disjoint). */
    double distance(Histogram other) {
        if (total == 0 || other.total == 0) {
            return total == other.total ? 0 : 1;
        }
        double sum = 0;
        for (int i = 0; i < BINS; i++) {
            sum += Math.abs((double) counts[i] / total - (double) other.counts[i] / other.total);
        }
        return sum / 2;
    }
}
