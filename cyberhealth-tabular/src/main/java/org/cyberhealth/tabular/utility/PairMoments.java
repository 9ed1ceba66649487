package org.cyberhealth.tabular.utility;

/**
 * Co-moments of two numeric columns over the rows where both have a value, for their Pearson
 * correlation. Values are taken relative to the first pair seen, which keeps the sums small and the
 * correlation accurate even for large values.
 */
final class PairMoments {

    private long count;
    private double originX;
    private double originY;
    private double sumX;
    private double sumY;
    private double sumXX;
    private double sumYY;
    private double sumXY;

    void add(double x, double y) {
        if (count == 0) {
            originX = x;
            originY = y;
        }
        count++;
        double dx = x - originX;
        double dy = y - originY;
        sumX += dx;
        sumY += dy;
        sumXX += dx * dx;
        sumYY += dy * dy;
        sumXY += dx * dy;
    }

    double correlation() {
        if (count < 2) {
            return Double.NaN;
        }
        double covariance = sumXY - sumX * sumY / count;
        double varianceX = sumXX - sumX * sumX / count;
        double varianceY = sumYY - sumY * sumY / count;
        return varianceX <= 0 || varianceY <= 0 ? Double.NaN : covariance / Math.sqrt(varianceX * varianceY);
    }
}
