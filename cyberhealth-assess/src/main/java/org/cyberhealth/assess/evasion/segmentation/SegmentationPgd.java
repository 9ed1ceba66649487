package org.cyberhealth.assess.evasion.segmentation;

import java.util.Locale;
import java.util.Random;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxSegmenter;

/**
 * L-inf projected gradient descent on the pixel loss of a segmentation model (Madry et al., ICLR 2018, as
 * {@link org.cyberhealth.assess.evasion.Pgd}: uniformly random start in the eps-ball, {@code steps} signed
 * steps of 2.5 eps / steps, each followed by the projection onto the ball and the clip to the valid range).
 *
 * <p>Untargeted: ascend the mean pixel cross-entropy against the true mask, which lowers the Dice. Targeted
 * (erase, inject): descend the cross-entropy towards the whole target mask, as dense adversary generation
 * does (Xie et al., ICCV 2017: every pixel has a target, so the rest of the mask is held while the target
 * region flips), with the adaptive mask of Ozbulak et al. (MICCAI 2019): at each step only the pixels not
 * yet predicted as their target count (weight 1, others 0), so the pixels already won stop pulling and the
 * budget goes to those still wrong.
 */
public final class SegmentationPgd {

    /** Radius of the injected disc at 64 x 64 pixels (about 34 mm on the reference CT); scaled with the image. */
    static final int INJECT_RADIUS_AT_64 = 6;

    private final Goal goal;
    private final int organ;
    private final double eps;
    private final int steps;
    private final long seed;

    /** {@code organ}: the class to erase or inject (ignored when untargeted). */
    public SegmentationPgd(Goal goal, int organ, double eps, int steps, long seed) {
        if (!(eps >= 0) || Double.isInfinite(eps) || steps < 1) {
            throw new IllegalArgumentException("PGD needs a finite eps >= 0 and at least one step");
        }
        if (goal.targeted() && organ < 1) {
            throw new IllegalArgumentException("a targeted attack needs an organ class (1 or more)");
        }
        this.goal = goal;
        this.organ = organ;
        this.eps = eps;
        this.steps = steps;
        this.seed = seed;
    }

    public Goal goal() {
        return goal;
    }

    public int organ() {
        return organ;
    }

    public double eps() {
        return eps;
    }

    /** The target mask of each slice for this attack (the truth itself when untargeted). */
    public int[][] targets(WhiteBoxSegmenter model, int[][] truth) {
        InputSpec in = model.input();
        int radius = Math.max(1, Math.round(INJECT_RADIUS_AT_64 * Math.min(in.height(), in.width()) / 64f));
        int[][] targets = new int[truth.length][];
        for (int i = 0; i < truth.length; i++) {
            targets[i] = TargetMasks.of(goal, truth[i], organ, in.height(), in.width(), radius);
        }
        return targets;
    }

    /** Adversarial versions of {@code images}, whose true masks are {@code truth}. */
    public float[][] generate(WhiteBoxSegmenter model, float[][] images, int[][] truth) {
        InputSpec in = model.input();
        float[][] adversarial = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            adversarial[i] = images[i].clone();
        }
        if (eps == 0) {
            return adversarial;
        }
        int[][] targets = targets(model, truth);
        double step = 2.5 * eps / steps;
        Random random = new Random(seed);
        for (int i = 0; i < images.length; i++) {
            for (int q = 0; q < images[i].length; q++) {
                adversarial[i][q] = (float) (images[i][q] + (2 * random.nextDouble() - 1) * eps);
            }
            projectAndClip(images[i], adversarial[i], in);
        }
        for (int s = 0; s < steps; s++) {
            float[][] weights = goal.targeted() ? stillWrong(model.predictMasks(adversarial), targets) : null;
            float[][] gradient = model.lossGradient(adversarial, targets, weights).gradient();
            // Untargeted: up the loss against the truth; targeted: down the loss towards the target.
            double signed = goal.targeted() ? -step : step;
            for (int i = 0; i < images.length; i++) {
                for (int q = 0; q < images[i].length; q++) {
                    adversarial[i][q] += (float) (signed * Math.signum(gradient[i][q]));
                }
                projectAndClip(images[i], adversarial[i], in);
            }
        }
        return adversarial;
    }

    /** Weight 1 where the prediction still differs from the target, 0 where it already matches. */
    private static float[][] stillWrong(int[][] predicted, int[][] targets) {
        float[][] weights = new float[predicted.length][];
        for (int i = 0; i < predicted.length; i++) {
            weights[i] = new float[predicted[i].length];
            for (int q = 0; q < predicted[i].length; q++) {
                weights[i][q] = predicted[i][q] != targets[i][q] ? 1f : 0f;
            }
        }
        return weights;
    }

    /**
     * Pulls {@code x} back within eps of {@code original}, then into the valid range; the clip cannot leave
     * the ball, since {@code original} lies in the range.
     */
    private void projectAndClip(float[] original, float[] x, InputSpec in) {
        for (int q = 0; q < x.length; q++) {
            double d = Math.max(-eps, Math.min(eps, (double) x[q] - original[q]));
            x[q] = (float) (original[q] + d);
        }
        in.clip(x);
    }

    public String describe() {
        return String.format(Locale.ROOT, "PGD L-inf %s%s eps %.4g, %d steps of %.4g, seed %d", goal.id(),
                goal.targeted() ? " class " + organ : "", eps, steps, 2.5 * eps / steps, seed);
    }
}
