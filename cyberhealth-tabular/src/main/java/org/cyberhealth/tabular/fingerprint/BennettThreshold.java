package org.cyberhealth.tabular.fingerprint;

/**
 * The accusation threshold that holds whatever word was observed: Bennett's inequality for a sum of
 * {@code n} independent per-position scores of mean 0, variance 1 and at most
 * {@code b = sqrt((1-delta)/delta)}, {@code E exp(l U) <= exp((e^(lb) - 1 - lb) / b^2)}, optimised over
 * {@code l}. This is the kind of fixed threshold the Tardos literature proves (Laarhoven and de Weger,
 * 2014, bound the same moment generating function); it must cover the worst observed word, so it is
 * higher than the exact bound of {@link InnocentScoreBound} for the word actually seen, and it is
 * kept only to show that difference.
 */
final class BennettThreshold {

    private BennettThreshold() {}

    /** The score an innocent reaches with probability at most {@code falseAccusation}. */
    static double of(int positions, double cutoff, double falseAccusation) {
        if (positions == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double b = Math.sqrt((1 - cutoff) / cutoff);
        // The optimal l solves n((lb - 1) e^(lb) + 1) / b^2 = ln(1/eps1); x = lb, left side increasing in x.
        double target = Math.log(1 / falseAccusation) * b * b / positions;
        double low = 0;
        double high = 1;
        while ((high - 1) * Math.exp(high) + 1 < target) {
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-15 * high; i++) {
            double mid = (low + high) / 2;
            if ((mid - 1) * Math.exp(mid) + 1 < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        // Any l gives a valid bound; evaluating it (not the stationarity shortcut) keeps the result rigorous.
        double x = high;
        return (positions * (Math.expm1(x) - x) / (b * b) + Math.log(1 / falseAccusation)) * b / x;
    }
}
