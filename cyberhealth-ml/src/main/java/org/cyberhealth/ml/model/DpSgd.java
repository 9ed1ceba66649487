package org.cyberhealth.ml.model;

import java.util.Locale;

/**
 * The settings of DP-SGD (Abadi, Chu, Goodfellow, McMahan, Mironov, Talwar, Zhang, "Deep Learning with Differential
 * Privacy", ACM CCS 2016): each step samples every training image independently with probability
 * {@code expectedBatch / n} (Poisson sampling, the sampling that the privacy analysis of the sampled Gaussian mechanism
 * assumes), clips each image's loss gradient to L2 norm {@code clipNorm}, adds Gaussian noise of standard deviation
 * {@code noiseMultiplier * clipNorm} to the sum and divides by the expected batch size; {@code epochs * n / expectedBatch}
 * steps in all. Module assess turns the settings into an (epsilon, delta) guarantee.
 *
 * @param clipNorm        C, the L2 bound of one image's gradient (infinite: no clipping)
 * @param noiseMultiplier sigma, the noise's standard deviation in units of C (0: no noise, no privacy)
 * @param expectedBatch   the mean number of images a step samples
 * @param epochs          passes over the data, in expectation
 * @param learningRate    Adam's step size (the noisy mean gradient is an ordinary gradient to Adam: post-processing)
 */
public record DpSgd(double clipNorm, double noiseMultiplier, int expectedBatch, int epochs, double learningRate) {

    public DpSgd {
        if (!(clipNorm > 0) || !(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier) || expectedBatch < 1 || epochs < 1
                || !(learningRate > 0)) {
            throw new IllegalArgumentException("DP-SGD needs a clip norm > 0, a finite noise multiplier >= 0, a batch and epochs >= 1 and a"
                    + " learning rate > 0");
        }
    }

    /** q, the probability that a step samples a given image, on {@code n} training images. */
    public double samplingRate(int n) {
        if (n < expectedBatch) {
            throw new IllegalArgumentException("the expected batch (" + expectedBatch + ") exceeds the " + n + " training images");
        }
        return (double) expectedBatch / n;
    }

    /** The number of steps on {@code n} training images: {@code epochs / q}, rounded. */
    public long steps(int n) {
        return Math.max(1, Math.round(epochs / samplingRate(n)));
    }

    public DpSgd withNoiseMultiplier(double sigma) {
        return new DpSgd(clipNorm, sigma, expectedBatch, epochs, learningRate);
    }

    public String describe() {
        return String.format(Locale.ROOT, "DP-SGD: clip %.3g, noise multiplier %.4g, Poisson sampling with expected batch %d, %d epochs, Adam lr %.3g",
                clipNorm, noiseMultiplier, expectedBatch, epochs, learningRate);
    }
}
