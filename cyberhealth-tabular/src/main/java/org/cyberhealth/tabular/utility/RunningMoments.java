package org.cyberhealth.tabular.utility;

/** Count, mean, variance (Welford's update, stable in one pass), minimum and maximum of a stream. */
final class RunningMoments {

    private long count;
    private double mean;
    private double squares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double value) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        squares += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    long count() {
        return count;
    }

    double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    double standardDeviation() {
        return count < 2 ? 0 : Math.sqrt(squares / (count - 1));
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }
}
