package org.cyberhealth.assess.membership;

/**
 * The two statistics of a model's output for a sample with a known label that membership attacks use,
 * computed from the probability vector without losing the tail: an overfit model gives its members a
 * true-class probability that rounds to 1.0f, while the other classes' probabilities stay representable
 * (around 1e-20), so both statistics divide by their sum rather than subtract from 1.
 */
public final class Confidence {

    /** Keeps a logarithm finite when a float probability underflowed to 0 (the smallest float). */
    private static final double TINY = Float.MIN_VALUE;

    private Confidence() {}

    /**
     * The cross-entropy loss -log p_y, as log(1 + p_other / p_y) where p_other is the sum of the other
     * classes (the same value while the vector sums to 1, and exact near p_y = 1).
     */
    public static double loss(float[] probabilities, int label) {
        return Math.log1p(others(probabilities, label) / Math.max(probabilities[label], TINY));
    }

    /**
     * LiRA's logit-scaled confidence phi = log(p_y / (1 - p_y)), with 1 - p_y taken as the sum of the other
     * classes: roughly Gaussian across models for a fixed sample (Carlini et al. 2022, section IV.B).
     */
    public static double phi(float[] probabilities, int label) {
        return Math.log(probabilities[label] + TINY) - Math.log(others(probabilities, label) + TINY);
    }

    private static double others(float[] probabilities, int label) {
        double sum = 0;
        for (int c = 0; c < probabilities.length; c++) {
            if (c != label) {
                sum += probabilities[c];
            }
        }
        return sum;
    }
}
