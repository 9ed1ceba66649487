package org.cyberhealth.tabular.lossless;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Our central-limit model of the scheme, after the approach the paper's abstract describes (Franco-Contreras
 * et al. model the centre of mass's distribution under embedding, insertion and deletion; their formulas
 * could not be compared): by the central limit
 * theorem a group's relative angle beta is about N(0, sigma_g^2), sigma_g^2 = s^2 (1/n_A + 1/n_B) for
 * sub-groups of n_A and n_B values and the attribute's angular variance s^2 ({@link Dispersion}). So a
 * group carries a bit with probability P(|beta| < 2 alpha), and an attack that adds noise of variance
 * tau^2 to beta flips a carrier's sign with probability E[Phi(-(beta + 2 alpha) / tau) | |beta| < 2 alpha].
 *
 * <p>Deleting a random fraction p of the tuples leaves in each sub-group a random subset whose centre
 * deviates from the whole group's by tau^2 = sigma_g^2 p / (1 - p). Inserting a fraction q of tuples drawn
 * from the same (marked) distribution pulls beta towards zero by 1 / (1 + q), which does not change its
 * sign, and adds the new tuples' own deviation, tau^2 = q sigma_g^2 before that scaling.
 */
final class CentreOfMassModel {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    private static final int INTERVALS = 64;

    private final double[] sigmas;
    private final double rotation;

    /** @param sums the original table's sums (for the sub-group sizes) */
    CentreOfMassModel(CentreSums sums, Dispersion dispersion, double rotation) {
        double variance = dispersion.angularVariance();
        sigmas = new double[sums.groups()];
        for (int group = 0; group < sigmas.length; group++) {
            long a = sums.count(group, 0);
            long b = sums.count(group, 1);
            sigmas[group] = a == 0 || b == 0 ? Double.NaN : Math.sqrt(variance * (1.0 / a + 1.0 / b));
        }
        this.rotation = rotation;
    }

    /** The expected share of groups that carry a bit. */
    double carrierShare() {
        double sum = 0;
        for (double sigma : sigmas) {
            sum += Double.isNaN(sigma) ? 0 : carrierProbability(sigma);
        }
        return sum / sigmas.length;
    }

    /** The expected share of carriers read wrong after deleting a random fraction of the tuples. */
    double carrierErrorsAfterDeletion(double fraction) {
        return carrierErrors(fraction >= 1 ? Double.POSITIVE_INFINITY : fraction / (1 - fraction));
    }

    /** The expected share of carriers read wrong after inserting {@code fraction} times as many fake tuples. */
    double carrierErrorsAfterInsertion(double fraction) {
        return carrierErrors(fraction);
    }

    /** Averages over carriers (each group weighted by its chance of being one) for noise tau^2 = ratio sigma_g^2. */
    private double carrierErrors(double varianceRatio) {
        double errors = 0;
        double carriers = 0;
        for (double sigma : sigmas) {
            if (Double.isNaN(sigma)) {
                continue;
            }
            double weight = carrierProbability(sigma);
            carriers += weight;
            errors += weight * carrierError(sigma, Math.sqrt(varianceRatio) * sigma);
        }
        return carriers == 0 ? Double.NaN : errors / carriers;
    }

    private double carrierProbability(double sigma) {
        return 2 * STANDARD.cumulativeProbability(rotation / sigma) - 1;
    }

    /**
     * P(beta + 2 alpha + noise < 0) for a carrier of bit 1 (a 0 is its mirror image), with beta ~ N(0,
     * sigma^2) restricted to (-2 alpha, 2 alpha) and noise ~ N(0, tau^2); Simpson's rule over beta.
     */
    private double carrierError(double sigma, double tau) {
        if (tau == 0) {
            return 0;
        }
        double step = 2 * rotation / INTERVALS;
        double sum = 0;
        double mass = 0;
        for (int i = 0; i <= INTERVALS; i++) {
            double beta = -rotation + i * step;
            double weight = (i == 0 || i == INTERVALS ? 1 : i % 2 == 1 ? 4 : 2) * STANDARD.density(beta / sigma);
            mass += weight;
            sum += weight * (Double.isInfinite(tau) ? 0.5 : STANDARD.cumulativeProbability(-(beta + rotation) / tau));
        }
        return sum / mass;
    }
}
