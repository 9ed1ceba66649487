package org.cyberhealth.assess.membership;

/**
 * The likelihood-ratio attack LiRA of Carlini, Chien, Nasr, Song, Terzis, Tramer ("Membership
 * Inference Attacks From First Principles", IEEE S&P 2022). For each sample, the shadow models that
 * trained on it (IN) and those that did not (OUT) give two sets of logit-scaled confidences
 * phi = log(p / (1 - p)) of the true label ({@link Confidence#phi}); each set is fitted by a Gaussian,
 * and the target's phi is judged against them:
 * <ul>
 *   <li>online: the log-likelihood ratio log N(phi; mu_in, s_in^2) - log N(phi; mu_out, s_out^2);</li>
 *   <li>offline (OUT shadows only, so the shadows need not be retrained for new targets): the
 *       one-sided test of how far phi lies above the OUT Gaussian, scored by (phi - mu_out) / s_out, which
 *       orders samples as the Gaussian's CDF at phi (the paper's 1 - p-value) does.</li>
 * </ul>
 * Per-sample variances need many shadows; with fewer than {@code perSampleVarianceFrom} (the paper
 * uses a global variance below 64 shadows) each side uses one variance for all samples: the pooled
 * spread of every sample's phi around its own mean. Pooling around each sample's own mean, rather than
 * taking the spread of all values together, keeps the variance to what the Gaussian of one sample
 * models. One query per sample: the paper's extra queries on augmented images are not made.
 */
public final class Lira implements MembershipAttack {

    /** The paper's rule: per-sample variances from 64 shadow models on. */
    public static final int PAPER_PER_SAMPLE_VARIANCE_FROM = 64;

    /** Keeps a Gaussian proper when every shadow gave a sample the same phi. */
    private static final double MIN_VARIANCE = 1e-12;

    private final boolean online;
    private final int perSampleVarianceFrom;

    private Lira(boolean online, int perSampleVarianceFrom) {
        if (perSampleVarianceFrom < 2) {
            throw new IllegalArgumentException("per-sample variances need at least 2 shadows");
        }
        this.online = online;
        this.perSampleVarianceFrom = perSampleVarianceFrom;
    }

    public static Lira online() {
        return new Lira(true, PAPER_PER_SAMPLE_VARIANCE_FROM);
    }

    public static Lira offline() {
        return new Lira(false, PAPER_PER_SAMPLE_VARIANCE_FROM);
    }

    /** The same attack with per-sample variances from {@code shadows} shadow models on. */
    public Lira perSampleVarianceFrom(int shadows) {
        return new Lira(online, shadows);
    }

    public boolean isOnline() {
        return online;
    }

    @Override
    public String name() {
        return online ? "LiRA online" : "LiRA offline";
    }

    @Override
    public double[] scores(Observations seen) {
        int n = seen.size();
        int shadows = seen.shadowCount();
        Gaussians in = fit(seen, true);
        Gaussians out = fit(seen, false);
        boolean perSample = shadows >= perSampleVarianceFrom;
        double globalIn = in.pooledVariance();
        double globalOut = out.pooledVariance();
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double phi = Confidence.phi(seen.target()[i], seen.labels()[i]);
            double varOut = Math.max(MIN_VARIANCE, perSample ? out.variance[i] : globalOut);
            if (online) {
                double varIn = Math.max(MIN_VARIANCE, perSample ? in.variance[i] : globalIn);
                scores[i] = logDensity(phi, in.mean[i], varIn) - logDensity(phi, out.mean[i], varOut);
            } else {
                scores[i] = (phi - out.mean[i]) / Math.sqrt(varOut);
            }
        }
        return scores;
    }

    /** Per sample: the mean and unbiased variance of phi over the shadows on one side, and the pooled residuals. */
    private record Gaussians(double[] mean, double[] variance, double squaredResiduals, int degreesOfFreedom) {

        double pooledVariance() {
            return squaredResiduals / degreesOfFreedom;
        }
    }

    private static Gaussians fit(Observations seen, boolean side) {
        int n = seen.size();
        double[] mean = new double[n];
        double[] variance = new double[n];
        double squares = 0;
        int freedom = 0;
        double[] values = new double[seen.shadowCount()];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int s = 0; s < seen.shadowCount(); s++) {
                if (seen.shadowIn()[s][i] == side) {
                    values[count++] = Confidence.phi(seen.shadows()[s][i], seen.labels()[i]);
                }
            }
            if (count < 2) {
                throw new IllegalArgumentException("LiRA needs at least two " + (side ? "IN" : "OUT") + " shadow models for every sample, sample "
                        + i + " has " + count);
            }
            double sum = 0;
            for (int k = 0; k < count; k++) {
                sum += values[k];
            }
            mean[i] = sum / count;
            double residuals = 0;
            for (int k = 0; k < count; k++) {
                residuals += (values[k] - mean[i]) * (values[k] - mean[i]);
            }
            variance[i] = residuals / (count - 1);
            squares += residuals;
            freedom += count - 1;
        }
        return new Gaussians(mean, variance, squares, freedom);
    }

    private static double logDensity(double x, double mean, double variance) {
        return -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) * (x - mean) / (2 * variance);
    }
}
