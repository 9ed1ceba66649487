package org.cyberhealth.assess.defence;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * One-sided Clopper-Pearson bounds on a binomial proportion (Clopper and Pearson, Biometrika 1934), from the Beta
 * quantiles that invert the binomial tail exactly: with k successes in n trials, p >= lower(k, n, alpha) holds with
 * probability at least 1 - alpha, whatever p is. Conservative (coverage at least, not exactly, 1 - alpha), which a
 * certificate needs.
 */
public final class ClopperPearson {

    private ClopperPearson() {}

    /** The lower bound: the alpha quantile of Beta(k, n - k + 1), and 0 when k = 0. */
    public static double lower(int k, int n, double alpha) {
        check(k, n, alpha);
        return k == 0 ? 0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(alpha);
    }

    /** The upper bound: the 1 - alpha quantile of Beta(k + 1, n - k), and 1 when k = n. */
    public static double upper(int k, int n, double alpha) {
        check(k, n, alpha);
        return k == n ? 1 : BetaDistribution.of(k + 1, n - k).inverseCumulativeProbability(1 - alpha);
    }

    private static void check(int k, int n, double alpha) {
        if (n < 1 || k < 0 || k > n || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("need 0 <= k <= n, n >= 1 and 0 < alpha < 1");
        }
    }
}
