package org.cyberhealth.assess.defence;

import java.util.Arrays;
import java.util.List;
import org.cyberhealth.ml.model.Classifier;

/**
 * The feature-squeezing detector of Xu, Evans, Qi ("Feature Squeezing: Detecting Adversarial Examples in Deep Neural
 * Networks", NDSS 2018): an image's score is the largest L1 distance between the model's probabilities on the image and
 * on each squeezed copy of it; an adversarial perturbation tuned to the raw pixels tends not to survive squeezing, so
 * the predictions part. An image scoring above the threshold is flagged. The threshold is chosen, as in the paper, on
 * clean images: the score that a chosen share of them (the false-positive rate) exceeds.
 */
public final class SqueezingDetector {

    private static final int BATCH = 256;

    private final Classifier model;
    private final List<Preprocessor> squeezers;
    private final double threshold;

    public SqueezingDetector(Classifier model, List<Preprocessor> squeezers, double threshold) {
        if (squeezers.isEmpty()) {
            throw new IllegalArgumentException("at least one squeezer");
        }
        this.model = model;
        this.squeezers = List.copyOf(squeezers);
        this.threshold = threshold;
    }

    /**
     * A detector whose threshold flags at most {@code falsePositiveRate} of {@code clean} (the images it is calibrated on):
     * the (1 - rate) quantile of their scores, an image flagged when its score is strictly above it.
     */
    public static SqueezingDetector calibrate(Classifier model, List<Preprocessor> squeezers, float[][] clean, double falsePositiveRate) {
        if (!(falsePositiveRate >= 0 && falsePositiveRate < 1) || clean.length == 0) {
            throw new IllegalArgumentException("a false-positive rate in [0, 1) and at least one clean image");
        }
        double[] scores = new SqueezingDetector(model, squeezers, Double.POSITIVE_INFINITY).scores(clean);
        Arrays.sort(scores);
        int index = (int) Math.ceil((1 - falsePositiveRate) * scores.length) - 1;
        return new SqueezingDetector(model, squeezers, scores[Math.max(0, Math.min(scores.length - 1, index))]);
    }

    public double threshold() {
        return threshold;
    }

    public List<Preprocessor> squeezers() {
        return squeezers;
    }

    /** Each image's score: the largest L1 distance between the model's probabilities on it and on a squeezed copy. */
    public double[] scores(float[][] images) {
        double[] scores = new double[images.length];
        for (int start = 0; start < images.length; start += BATCH) {
            float[][] batch = Arrays.copyOfRange(images, start, Math.min(images.length, start + BATCH));
            float[][] plain = model.predict(batch);
            for (Preprocessor squeezer : squeezers) {
                float[][] squeezed = new float[batch.length][];
                for (int i = 0; i < batch.length; i++) {
                    squeezed[i] = squeezer.apply(batch[i], model.input());
                }
                float[][] p = model.predict(squeezed);
                for (int i = 0; i < batch.length; i++) {
                    double distance = 0;
                    for (int c = 0; c < p[i].length; c++) {
                        distance += Math.abs(p[i][c] - plain[i][c]);
                    }
                    scores[start + i] = Math.max(scores[start + i], distance);
                }
            }
        }
        return scores;
    }

    /** Whether each image is flagged as adversarial. */
    public boolean[] flags(float[][] images) {
        double[] scores = scores(images);
        boolean[] flagged = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            flagged[i] = scores[i] > threshold;
        }
        return flagged;
    }

    public String describe() {
        StringBuilder names = new StringBuilder();
        for (Preprocessor s : squeezers) {
            names.append(names.length() == 0 ? "" : "; ").append(s.describe());
        }
        return "feature squeezing (" + names + "), threshold " + String.format(java.util.Locale.ROOT, "%.4g", threshold);
    }
}
