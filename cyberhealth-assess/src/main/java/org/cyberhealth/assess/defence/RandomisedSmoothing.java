package org.cyberhealth.assess.defence;

import java.util.Locale;
import java.util.Random;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.cyberhealth.ml.model.Classifier;

/**
 * Randomised smoothing (Cohen, Rosenfeld and Kolter, "Certified adversarial robustness via randomized smoothing",
 * ICML 2019): the smoothed classifier g(x) answers the class that the base classifier f most often gives to
 * x + N(0, sigma^2 I). If f gives class A with probability at least pA > 1/2, g answers A everywhere within the L2
 * radius sigma * Phi^-1(pA) around x. Both procedures are the paper's Monte Carlo algorithms, which may abstain:
 * <ul>
 *   <li>{@link #predict}: n samples; answer the top class if a two-sided binomial test against the runner-up
 *   rejects a tie at level alpha (then it differs from g(x) with probability at most alpha), else abstain;</li>
 *   <li>{@link #certify}: n0 samples choose the candidate class, n fresh samples bound its probability from below
 *   ({@link ClopperPearson}, level alpha); certify radius sigma * Phi^-1(lower bound) if that bound exceeds 1/2,
 *   else abstain (radius 0). Separate samples for choosing and bounding keep the bound honest.</li>
 * </ul>
 * Noisy images are clipped to the range (see {@link GaussianNoise}: the certificate holds for the clipped base).
 */
public final class RandomisedSmoothing {

    /** The label of an abstention. */
    public static final int ABSTAIN = -1;

    private final Classifier base;
    private final double sigma;
    private final int batchSize;

    public RandomisedSmoothing(Classifier base, double sigma, int batchSize) {
        if (!(sigma > 0) || Double.isInfinite(sigma) || batchSize < 1) {
            throw new IllegalArgumentException("sigma must be a finite number > 0 and the batch size positive");
        }
        this.base = base;
        this.sigma = sigma;
        this.batchSize = batchSize;
    }

    /** A certified answer: {@code label} (or {@link #ABSTAIN}), its L2 {@code radius} (0 on abstention) and the lower bound on pA. */
    public record Certificate(int label, double radius, double pALower) {

        public boolean abstained() {
            return label == ABSTAIN;
        }
    }

    /** CERTIFY of Cohen et al. on one image. */
    public Certificate certify(float[] image, int n0, int n, double alpha, Random random) {
        checkCounts(n, alpha);
        if (n0 < 1) {
            throw new IllegalArgumentException("n0 must be at least 1");
        }
        int candidate = top(counts(image, n0, random))[0];
        int hits = counts(image, n, random)[candidate];
        double pALower = ClopperPearson.lower(hits, n, alpha);
        if (pALower <= 0.5) {
            return new Certificate(ABSTAIN, 0, pALower);
        }
        return new Certificate(candidate, sigma * NormalDistribution.of(0, 1).inverseCumulativeProbability(pALower), pALower);
    }

    /** PREDICT of Cohen et al. on one image: the smoothed label, or {@link #ABSTAIN}. */
    public int predict(float[] image, int n, double alpha, Random random) {
        checkCounts(n, alpha);
        int[] counts = counts(image, n, random);
        int[] top = top(counts);
        int nA = counts[top[0]];
        int trials = nA + counts[top[1]];
        // Two-sided binomial test of nA against Binomial(nA + nB, 1/2): the null is symmetric, so twice the upper tail.
        double p = Math.min(1, 2 * BinomialDistribution.of(trials, 0.5).survivalProbability(nA - 1));
        return p <= alpha ? top[0] : ABSTAIN;
    }

    /** How often the base classifier gives each class to {@code n} noisy copies of {@code image}. */
    int[] counts(float[] image, int n, Random random) {
        int[] counts = new int[base.classes().size()];
        for (int done = 0; done < n; ) {
            float[][] batch = new float[Math.min(batchSize, n - done)][];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = GaussianNoise.add(image, sigma, base.input(), random);
            }
            for (int label : base.predictLabels(batch)) {
                counts[label]++;
            }
            done += batch.length;
        }
        return counts;
    }

    /** The indices of the largest and second largest counts (the lower index first on ties). */
    private static int[] top(int[] counts) {
        int first = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[first]) {
                first = c;
            }
        }
        int second = first == 0 ? 1 : 0;
        for (int c = 0; c < counts.length; c++) {
            if (c != first && counts[c] > counts[second]) {
                second = c;
            }
        }
        return new int[] {first, second};
    }

    private static void checkCounts(int n, double alpha) {
        if (n < 1 || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("need n >= 1 and 0 < alpha < 1");
        }
    }

    public double sigma() {
        return sigma;
    }

    public String describe() {
        return String.format(Locale.ROOT, "randomised smoothing, sigma %.2f", sigma);
    }
}
