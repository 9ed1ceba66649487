package org.cyberhealth.assess.defence;

import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Certified accuracy at L2 radius r (Cohen et al., ICML 2019, section 4): the share of images whose smoothed
 * certificate names the true class with a radius of at least r. Abstentions and wrong classes count as failures,
 * so at r = 0 it is the smoothed classifier's accuracy with abstention as an error.
 */
public final class CertifiedAccuracy {

    private CertifiedAccuracy() {}

    /** Accuracy at each radius, the abstention rate, and the mean certified radius of the correct answers. */
    public record Result(double[] radii, double[] accuracy, double abstentionRate, double meanRadius, int samples, double seconds) {}

    /** Certifies every image (seed {@code seed} for all the noise); {@code imagesDone} hears the count done so far. */
    public static Result run(RandomisedSmoothing smoothing, float[][] images, int[] labels, double[] radii, int n0, int n, double alpha,
                             long seed, IntConsumer imagesDone) {
        if (images.length == 0 || images.length != labels.length) {
            throw new IllegalArgumentException("need at least one image and one label per image");
        }
        long started = System.nanoTime();
        Random random = new Random(seed);
        int[] certified = new int[radii.length];
        int abstained = 0;
        int correct = 0;
        double sumRadius = 0;
        for (int i = 0; i < images.length; i++) {
            RandomisedSmoothing.Certificate c = smoothing.certify(images[i], n0, n, alpha, random);
            abstained += c.abstained() ? 1 : 0;
            if (c.label() == labels[i]) {
                correct++;
                sumRadius += c.radius();
                for (int r = 0; r < radii.length; r++) {
                    certified[r] += c.radius() >= radii[r] ? 1 : 0;
                }
            }
            imagesDone.accept(i + 1);
        }
        double[] accuracy = new double[radii.length];
        for (int r = 0; r < radii.length; r++) {
            accuracy[r] = (double) certified[r] / images.length;
        }
        return new Result(radii.clone(), accuracy, (double) abstained / images.length, correct == 0 ? 0 : sumRadius / correct, images.length,
                (System.nanoTime() - started) / 1e9);
    }
}
