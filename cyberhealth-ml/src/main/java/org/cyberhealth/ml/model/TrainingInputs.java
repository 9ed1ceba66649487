package org.cyberhealth.ml.model;

import java.util.Locale;

/**
 * What a reference recipe trains on, declared next to the recipe: clean images, PGD adversarial examples within an
 * L-inf ball (adversarial training) or Gaussian-noisy copies (the base model of randomised smoothing). The attacks
 * live in module assess, which turns a declaration into a {@link BatchTransform}; this module only names it.
 *
 * @param strength the L-inf eps (PGD) or the noise's standard deviation, in pixel units of [0, 1]
 * @param steps    PGD iterations per mini-batch (0 otherwise)
 */
public record TrainingInputs(Kind kind, double strength, int steps) {

    public enum Kind { CLEAN, PGD_LINF, GAUSSIAN_NOISE }

    public static final TrainingInputs CLEAN = new TrainingInputs(Kind.CLEAN, 0, 0);

    public TrainingInputs {
        if (!(strength >= 0) || steps < 0 || (kind == Kind.PGD_LINF && steps < 1)) {
            throw new IllegalArgumentException("a strength >= 0, and at least one step for PGD");
        }
    }

    public static TrainingInputs pgd(double eps, int steps) {
        return new TrainingInputs(Kind.PGD_LINF, eps, steps);
    }

    public static TrainingInputs gaussian(double sigma) {
        return new TrainingInputs(Kind.GAUSSIAN_NOISE, sigma, 0);
    }

    public String describe() {
        return switch (kind) {
            case CLEAN -> "clean inputs";
            case PGD_LINF -> String.format(Locale.ROOT, "PGD L-inf examples, eps %.0f/255, %d steps", strength * 255, steps);
            case GAUSSIAN_NOISE -> String.format(Locale.ROOT, "Gaussian noise, sigma %.2f, clipped to the range", strength);
        };
    }
}
