package org.cyberhealth.ml.model;

import java.util.Arrays;

/**
 * What a classifier takes, declared next to the model: images of {@code channels x height x width}
 * values (flattened channel, then row, then column), each value in {@code [lower, upper]} (the natural
 * image space, e.g. [0, 1] for 8-bit pixels divided by 255), and the per-channel mean and standard
 * deviation that the model wrapper subtracts and divides by before the network sees the image.
 *
 * <p>Attacks work in the natural space: their budgets (an eps of 8/255) and their clipping refer to
 * pixels, never to normalised values, so the normalisation belongs inside the model, where the gradient
 * flows through it.
 */
public record InputSpec(int channels, int height, int width, float lower, float upper, float[] mean, float[] std) {

    public InputSpec {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("the input shape must be positive");
        }
        if (!(lower < upper)) {
            throw new IllegalArgumentException("the value range must have lower < upper");
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("one mean and one standard deviation per channel");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("standard deviations must be positive");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Values per image. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** Checks that every image of {@code batch} has {@link #size()} values inside the range. */
    public void check(float[][] batch) {
        for (float[] image : batch) {
            if (image.length != size()) {
                throw new IllegalArgumentException("an image needs " + size() + " values, got " + image.length);
            }
            for (float v : image) {
                if (!(v >= lower && v <= upper)) {
                    throw new IllegalArgumentException("input value " + v + " outside [" + lower + ", " + upper + "]");
                }
            }
        }
    }

    /** Clamps {@code image} into the value range, in place. */
    public void clip(float[] image) {
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.min(upper, Math.max(lower, image[i]));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && channels == s.channels && height == s.height && width == s.width
                && lower == s.lower && upper == s.upper && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std) + channels * 7 + height * 11 + width * 13;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width + " in [" + lower + ", " + upper + "], mean " + Arrays.toString(mean)
                + ", std " + Arrays.toString(std);
    }
}
