package org.cyberhealth.assess.evasion;

import java.util.Locale;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * Projected gradient descent on the negative loss (Madry, Makelov, Schmidt, Tsipras and Vladu, "Towards
 * deep learning models resistant to adversarial attacks", ICLR 2018): start at a uniformly random point
 * of the eps-ball, then repeat a steepest-ascent step of the loss, the projection onto the eps-ball and
 * the clip to the valid range. Several restarts from fresh random points; each image keeps the most
 * damaging result (misclassified first, then the highest loss), and a restart only re-attacks the images
 * that previous ones did not already fool.
 *
 * <p>The step size follows Madry et al.'s convention, 2.5 eps / steps, so that the iterates can cross
 * the whole ball and back even from its edge.
 */
public final class Pgd implements EvasionAttack {

    private final Norm norm;
    private final double eps;
    private final double step;
    private final int steps;
    private final int restarts;
    private final long seed;

    private Pgd(Norm norm, double eps, double step, int steps, int restarts, long seed) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0");
        }
        if (!(step >= 0) || steps < 1 || restarts < 1) {
            throw new IllegalArgumentException("PGD needs a step size >= 0, at least one step and one restart");
        }
        this.norm = norm;
        this.eps = eps;
        this.step = step;
        this.steps = steps;
        this.restarts = restarts;
        this.seed = seed;
    }

    /** PGD with Madry et al.'s step size, 2.5 eps / steps; {@code seed} fixes the random starts. */
    public static Pgd of(Norm norm, double eps, int steps, int restarts, long seed) {
        return new Pgd(norm, eps, 2.5 * eps / Math.max(1, steps), steps, restarts, seed);
    }

    @Override
    public float[][] generate(WhiteBoxClassifier model, float[][] images, int[] labels) {
        return RandomRestarts.mostDamaging(model, images, labels, norm, eps, restarts, seed, (x, y, starts) -> {
            float[][] adversarial = starts;
            for (int s = 0; s < steps; s++) {
                float[][] gradient = model.lossGradient(adversarial, y).gradient();
                for (int k = 0; k < x.length; k++) {
                    norm.ascend(adversarial[k], gradient[k], step);
                    adversarial[k] = norm.projectAndClip(x[k], adversarial[k], eps, model.input());
                }
            }
            return adversarial;
        });
    }

    @Override
    public Norm norm() {
        return norm;
    }

    @Override
    public double eps() {
        return eps;
    }

    public int steps() {
        return steps;
    }

    public int restarts() {
        return restarts;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "PGD %s eps %.4g, %d steps of %.4g, %d restart%s, seed %d", norm.id(), eps, steps, step, restarts,
                restarts == 1 ? "" : "s", seed);
    }
}
