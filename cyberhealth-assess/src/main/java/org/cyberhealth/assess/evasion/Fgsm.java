package org.cyberhealth.assess.evasion;

import java.util.Locale;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The fast gradient sign method (Goodfellow, Shlens and Szegedy, "Explaining and harnessing adversarial
 * examples", ICLR 2015): one step of length eps along the steepest ascent of the loss, x + eps sign(grad)
 * in L-infinity; in L2 the same single step along the normalised gradient (the "fast gradient method").
 * The result is clipped to the valid range, which keeps it within the budget.
 */
public final class Fgsm implements EvasionAttack {

    private final Norm norm;
    private final double eps;

    public Fgsm(Norm norm, double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0");
        }
        this.norm = norm;
        this.eps = eps;
    }

    @Override
    public float[][] generate(WhiteBoxClassifier model, float[][] images, int[] labels) {
        float[][] gradient = model.lossGradient(images, labels).gradient();
        float[][] out = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            float[] step = images[i].clone();
            norm.ascend(step, gradient[i], eps);
            out[i] = norm.projectAndClip(images[i], step, eps, model.input());
        }
        return out;
    }

    @Override
    public Norm norm() {
        return norm;
    }

    @Override
    public double eps() {
        return eps;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "FGSM %s eps %.4g", norm.id(), eps);
    }
}
