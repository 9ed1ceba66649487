package org.cyberhealth.assess.defence;

import org.cyberhealth.ml.model.DpSgd;

/**
 * The privacy accountant of DP-SGD: Renyi differential privacy of the sampled Gaussian mechanism (Mironov, Talwar,
 * Zhang, "Renyi Differential Privacy of the Sampled Gaussian Mechanism", arXiv 1908.10530, 2019, section 3.3: integer
 * orders) composed over the steps and converted to (epsilon, delta).
 *
 * <p>One step samples each record with probability q (Poisson sampling, as {@link DpSgd} does) and adds Gaussian noise
 * of sigma times the sensitivity. For an integer order a, its RDP is log(A_a) / (a - 1) with
 * A_a = sum over k = 0..a of C(a, k) (1 - q)^(a - k) q^k exp((k^2 - k) / (2 sigma^2)), summed in log space; T steps
 * compose to T times that. The conversion to (epsilon, delta) is Balle, Barthe, Gaboardi, Hsu, Sato ("Hypothesis Testing
 * Interpretations and Renyi Differential Privacy", AISTATS 2020, Theorem 21):
 * epsilon = rdp + log((a - 1) / a) - (log delta + log a) / (a - 1), minimised over the orders 2 to 256, the conversion
 * TensorFlow Privacy and Opacus use; Mironov's original one (rdp + log(1 / delta) / (a - 1), CSF 2017) is offered for
 * comparison with older published tables.
 */
public final class RdpAccountant {

    public static final int MIN_ORDER = 2;
    public static final int MAX_ORDER = 256;

    private RdpAccountant() {}

    /** A guarantee and the Renyi order that gave it. */
    public record Guarantee(double epsilon, double delta, int order) {}

    /** The RDP of one step at integer order {@code order} (q in [0, 1], sigma > 0). */
    public static double rdp(double q, double sigma, int order) {
        if (!(q >= 0 && q <= 1) || !(sigma > 0) || order < MIN_ORDER) {
            throw new IllegalArgumentException("q in [0, 1], sigma > 0 and an integer order >= 2");
        }
        if (q == 0) {
            return 0;
        }
        if (q == 1) {
            return order / (2 * sigma * sigma);
        }
        double[] terms = new double[order + 1];
        double max = Double.NEGATIVE_INFINITY;
        double logBinomial = 0;
        for (int k = 0; k <= order; k++) {
            if (k > 0) {
                logBinomial += Math.log((double) (order - k + 1) / k);
            }
            terms[k] = logBinomial + (order - k) * Math.log1p(-q) + k * Math.log(q) + ((double) k * k - k) / (2 * sigma * sigma);
            max = Math.max(max, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return (max + Math.log(sum)) / (order - 1);
    }

    /** The best (epsilon, delta) guarantee of {@code steps} steps, by Balle et al.'s conversion. */
    public static Guarantee epsilon(double q, double sigma, long steps, double delta) {
        return convert(q, sigma, steps, delta, true);
    }

    /** The same by Mironov's original conversion (looser; older tables, e.g. TensorFlow Privacy's 2019 tutorial, use it). */
    public static Guarantee epsilonMironov(double q, double sigma, long steps, double delta) {
        return convert(q, sigma, steps, delta, false);
    }

    /** The guarantee of DP-SGD with {@code settings} on {@code n} training records. */
    public static Guarantee epsilon(DpSgd settings, int n, double delta) {
        if (settings.noiseMultiplier() == 0) {
            return new Guarantee(Double.POSITIVE_INFINITY, delta, MIN_ORDER);
        }
        return epsilon(settings.samplingRate(n), settings.noiseMultiplier(), settings.steps(n), delta);
    }

    /**
     * The smallest noise multiplier (to 1e-4 relative) whose guarantee after {@code steps} steps is at most
     * {@code targetEpsilon} at {@code delta}: epsilon falls as sigma grows, so bisection finds it.
     */
    public static double noiseFor(double q, long steps, double delta, double targetEpsilon) {
        if (!(targetEpsilon > 0)) {
            throw new IllegalArgumentException("the target epsilon must be positive");
        }
        double low = 1e-2;
        double high = 1;
        while (epsilon(q, high, steps, delta).epsilon() > targetEpsilon) {
            low = high;
            high *= 2;
            if (high > 1e4) {
                throw new IllegalArgumentException("no noise multiplier up to 1e4 reaches epsilon " + targetEpsilon);
            }
        }
        while (high - low > 1e-4 * high) {
            double middle = (low + high) / 2;
            if (epsilon(q, middle, steps, delta).epsilon() > targetEpsilon) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return high;
    }

    /** {@code settings} with the noise multiplier that reaches {@code targetEpsilon} at {@code delta} on {@code n} records. */
    public static DpSgd calibrate(DpSgd settings, int n, double delta, double targetEpsilon) {
        return settings.withNoiseMultiplier(noiseFor(settings.samplingRate(n), settings.steps(n), delta, targetEpsilon));
    }

    private static Guarantee convert(double q, double sigma, long steps, double delta, boolean balle) {
        if (!(delta > 0 && delta < 1) || steps < 0) {
            throw new IllegalArgumentException("0 < delta < 1 and steps >= 0");
        }
        double best = Double.POSITIVE_INFINITY;
        int bestOrder = MIN_ORDER;
        for (int a = MIN_ORDER; a <= MAX_ORDER; a++) {
            double total = steps * rdp(q, sigma, a);
            double e = balle ? total + Math.log1p(-1.0 / a) - (Math.log(delta) + Math.log(a)) / (a - 1) : total - Math.log(delta) / (a - 1);
            if (e < best) {
                best = e;
                bestOrder = a;
            }
        }
        return new Guarantee(Math.max(0, best), delta, bestOrder);
    }
}
