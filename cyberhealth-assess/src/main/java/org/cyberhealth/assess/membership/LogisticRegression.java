package org.cyberhealth.assess.membership;

/**
 * P(member | x) = 1 / (1 + exp(-(a + b x))) on one feature, fitted by Newton's method on the
 * log-likelihood with a small ridge on the slope, so that separable data (an overfit shadow may give
 * every member a higher phi than every non-member) still yields a finite, well-ordered fit. The feature
 * is standardised first for a well-conditioned Hessian.
 */
final class LogisticRegression {

    private static final double RIDGE = 1e-3;
    private static final int MAX_ITERATIONS = 100;

    private final double intercept;
    private final double slope;

    private LogisticRegression(double intercept, double slope) {
        this.intercept = intercept;
        this.slope = slope;
    }

    static LogisticRegression fit(double[] x, boolean[] positive) {
        int n = x.length;
        int positives = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
            positives += positive[i] ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("the shadows' " + n + " outputs are all " + (positives == 0 ? "OUT" : "IN")
                    + ": nothing to learn from");
        }
        mean /= n;
        double spread = 0;
        for (double v : x) {
            spread += (v - mean) * (v - mean);
        }
        double scale = spread > 0 ? Math.sqrt(spread / n) : 1;
        double a = Math.log((double) positives / (n - positives));
        double b = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = 0;
            double gb = -RIDGE * n * b;
            double haa = 0;
            double hab = 0;
            double hbb = RIDGE * n;
            for (int i = 0; i < n; i++) {
                double z = (x[i] - mean) / scale;
                double p = 1 / (1 + Math.exp(-(a + b * z)));
                double residual = (positive[i] ? 1 : 0) - p;
                double w = p * (1 - p);
                ga += residual;
                gb += residual * z;
                haa += w;
                hab += w * z;
                hbb += w * z * z;
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a += da;
            b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new LogisticRegression(a - b * mean / scale, b / scale);
    }

    double logOdds(double x) {
        return intercept + slope * x;
    }
}
