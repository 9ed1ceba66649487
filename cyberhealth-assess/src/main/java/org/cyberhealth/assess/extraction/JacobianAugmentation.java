package org.cyberhealth.assess.extraction;

import java.util.Arrays;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * Jacobian-based dataset augmentation (Papernot, McDaniel, Goodfellow, Jha, Celik, Swami, "Practical
 * Black-Box Attacks against Machine Learning", AsiaCCS 2017, section 4): from a small seed set of
 * in-distribution images labelled by the victim, each round trains the copy, then adds for every image x
 * of the set the point x + lambda_rho * sign(dF_y/dx), where F_y is the copy's output for the victim's
 * label y of x, and asks the victim to label the new points. The set doubles every round; the last round
 * is cut so that exactly {@code budget} images are queried. The step changes sign every {@code tau} rounds
 * (lambda_rho = lambda * (-1)^floor(rho / tau), the paper's periodic step), so the points do not all drift
 * away from the data. The victim is used for labels only, as in the paper: the copy learns one-hot targets.
 */
public final class JacobianAugmentation implements ExtractionAttack {

    private static final int BATCH = 256;

    private final float[][] seeds;
    private final double lambda;
    private final int tau;

    public JacobianAugmentation(float[][] seeds, double lambda, int tau) {
        if (seeds.length == 0 || !(lambda > 0) || tau < 1) {
            throw new IllegalArgumentException("at least one seed image, lambda > 0 and tau >= 1");
        }
        this.seeds = seeds.clone();
        this.lambda = lambda;
        this.tau = tau;
    }

    @Override
    public String name() {
        return "jacobian";
    }

    @Override
    public String describe() {
        return "Jacobian-based augmentation: " + seeds.length + " in-distribution seed images, lambda " + lambda + ", sign flipped every "
                + tau + " rounds, labels only";
    }

    @Override
    public DjlClassifier steal(Classifier victim, int budget, CopyTrainer trainer, long seed) {
        float[][] set = Arrays.copyOf(seeds, Math.min(seeds.length, budget));
        int[] labels = label(victim, set);
        for (int round = 0; ; round++) {
            DjlClassifier copy = trainer.train(set, oneHot(labels, victim.classes().size()), seed + round);
            int missing = budget - set.length;
            if (missing == 0) {
                return copy;
            }
            float[][] added;
            try (copy) {
                double step = (round / tau) % 2 == 0 ? lambda : -lambda;
                added = step(copy, Arrays.copyOf(set, Math.min(missing, set.length)), Arrays.copyOf(labels, Math.min(missing, set.length)), step);
            }
            int[] addedLabels = label(victim, added);
            int old = set.length;
            set = Arrays.copyOf(set, old + added.length);
            System.arraycopy(added, 0, set, old, added.length);
            labels = Arrays.copyOf(labels, old + added.length);
            System.arraycopy(addedLabels, 0, labels, old, added.length);
        }
    }

    /** x + step * sign(dF_y/dx), clipped: F_y's gradient has the sign of log F_y's, the negated cross-entropy's. */
    private static float[][] step(WhiteBoxClassifier copy, float[][] images, int[] labels, double step) {
        float[][] out = new float[images.length][];
        for (int start = 0; start < images.length; start += BATCH) {
            int end = Math.min(images.length, start + BATCH);
            float[][] gradient = copy.lossGradient(Arrays.copyOfRange(images, start, end), Arrays.copyOfRange(labels, start, end)).gradient();
            for (int i = start; i < end; i++) {
                float[] moved = images[i].clone();
                for (int p = 0; p < moved.length; p++) {
                    moved[p] -= (float) (step * Math.signum(gradient[i - start][p]));
                }
                copy.input().clip(moved);
                out[i] = moved;
            }
        }
        return out;
    }

    private static int[] label(Classifier victim, float[][] images) {
        int[] labels = new int[images.length];
        for (int start = 0; start < images.length; start += BATCH) {
            int end = Math.min(images.length, start + BATCH);
            System.arraycopy(victim.predictLabels(Arrays.copyOfRange(images, start, end)), 0, labels, start, end - start);
        }
        return labels;
    }

    private static float[][] oneHot(int[] labels, int classes) {
        float[][] targets = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            targets[i][labels[i]] = 1;
        }
        return targets;
    }
}
