package org.cyberhealth.assess.evasion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * Auto-PGD on the cross-entropy, APGD-CE (Croce and Hein, "Reliable evaluation of adversarial robustness
 * with an ensemble of diverse parameter-free attacks", ICML 2020; the first attack of AutoAttack). PGD
 * without a step size to tune: it starts at 2 eps, adds momentum (alpha 0.75: the next iterate is the
 * projection of x_k + 0.75 (z - x_k) + 0.25 (x_k - x_{k-1}), z the plain projected step), and at the
 * checkpoints w_j = ceil(p_j N) (p_0 = 0, p_1 = 0.22, p_{j+1} = p_j + max(p_j - p_{j-1} - 0.03, 0.06)) halves
 * the step and restarts from the best point found when either fewer than rho = 75% of the steps since the
 * last checkpoint raised the loss (condition 1) or neither the step nor the best loss changed since then
 * (condition 2). The step size is per image, as are the checkpoints' decisions.
 *
 * <p>Each restart starts from a uniformly random point of the ball (AutoAttack's choice; the paper's
 * algorithm takes any start) and only re-attacks the images not fooled yet; each image keeps its most
 * damaging result (misclassified first, then the highest loss), as in {@link Pgd}. L-infinity and L2.
 */
public final class Apgd implements EvasionAttack {

    private static final double ALPHA = 0.75;
    private static final double RHO = 0.75;

    private final Norm norm;
    private final double eps;
    private final int steps;
    private final int restarts;
    private final long seed;

    public Apgd(Norm norm, double eps, int steps, int restarts, long seed) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0");
        }
        if (steps < 1 || restarts < 1) {
            throw new IllegalArgumentException("APGD needs at least one step and one restart");
        }
        this.norm = norm;
        this.eps = eps;
        this.steps = steps;
        this.restarts = restarts;
        this.seed = seed;
    }

    /** The iterations at which the step size is reconsidered, for {@code steps} iterations. */
    static List<Integer> checkpoints(int steps) {
        List<Integer> w = new ArrayList<>();
        double previous = 0;
        double p = 0.22;
        while (p <= 1) {
            // Less a hair: 0.22 * 100 is 22.000000000000004 in floating point, and its ceiling must be 22.
            int iteration = (int) Math.ceil(p * steps - 1e-9);
            if (iteration > 0 && iteration < steps && (w.isEmpty() || iteration > w.get(w.size() - 1))) {
                w.add(iteration);
            }
            double next = p + Math.max(p - previous - 0.03, 0.06);
            previous = p;
            p = next;
        }
        return w;
    }

    @Override
    public float[][] generate(WhiteBoxClassifier model, float[][] images, int[] labels) {
        return RandomRestarts.mostDamaging(model, images, labels, norm, eps, restarts, seed, (x, y, starts) -> run(model, x, y, starts));
    }

    /** One APGD run from {@code starts}: the highest-loss point each image reached. */
    private float[][] run(WhiteBoxClassifier model, float[][] x, int[] y, float[][] starts) {
        InputSpec input = model.input();
        int n = x.length;
        List<Integer> checkpoints = checkpoints(steps);
        double[] eta = new double[n];
        float[][] current = starts;
        float[][] previous = starts;
        float[][] max = new float[n][];
        float[][] maxGradient = new float[n][];
        double[] fMax = new double[n];
        double[] fBefore = new double[n];
        int[] raised = new int[n];
        double[] etaAtCheckpoint = new double[n];
        double[] fMaxAtCheckpoint = new double[n];
        int lastCheckpoint = 0;
        for (int k = 0; k < n; k++) {
            eta[k] = 2 * eps;
            fMax[k] = Double.NEGATIVE_INFINITY;
            etaAtCheckpoint[k] = eta[k];
        }
        for (int iteration = 0; iteration < steps; iteration++) {
            WhiteBoxClassifier.LossGradient g = model.lossGradient(current, y);
            float[][] gradient = g.gradient();
            boolean checkpoint = checkpoints.contains(iteration);
            float[][] next = new float[n][];
            for (int k = 0; k < n; k++) {
                double f = g.loss()[k];
                if (iteration > 0 && f > fBefore[k]) {
                    raised[k]++;
                }
                fBefore[k] = f;
                if (f > fMax[k]) {
                    fMax[k] = f;
                    max[k] = current[k];
                    maxGradient[k] = gradient[k];
                }
                if (iteration == 0) {
                    fMaxAtCheckpoint[k] = fMax[k];
                }
                float[] from = current[k];
                float[] slope = gradient[k];
                if (checkpoint) {
                    boolean fewRaises = raised[k] < RHO * (iteration - lastCheckpoint);
                    boolean stalled = etaAtCheckpoint[k] == eta[k] && fMaxAtCheckpoint[k] == fMax[k];
                    etaAtCheckpoint[k] = eta[k];
                    fMaxAtCheckpoint[k] = fMax[k];
                    raised[k] = 0;
                    if (fewRaises || stalled) {
                        eta[k] /= 2;
                        from = max[k];
                        slope = maxGradient[k];
                    }
                }
                float[] z = from.clone();
                norm.ascend(z, slope, eta[k]);
                z = norm.projectAndClip(x[k], z, eps, input);
                if (iteration == 0) {
                    next[k] = z;
                } else {
                    float[] momentum = new float[z.length];
                    for (int q = 0; q < z.length; q++) {
                        momentum[q] = (float) (from[q] + ALPHA * (z[q] - from[q]) + (1 - ALPHA) * (from[q] - previous[k][q]));
                    }
                    next[k] = norm.projectAndClip(x[k], momentum, eps, input);
                }
            }
            if (checkpoint) {
                lastCheckpoint = iteration;
            }
            previous = current;
            current = next;
        }
        float[][] p = model.predict(current);
        for (int k = 0; k < n; k++) {
            double f = -Math.log(Math.max(p[k][y[k]], Float.MIN_VALUE));
            if (f > fMax[k]) {
                max[k] = current[k];
            }
        }
        return max;
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
        return String.format(Locale.ROOT, "APGD-CE %s eps %.4g, %d steps, %d restart%s, seed %d", norm.id(), eps, steps, restarts,
                restarts == 1 ? "" : "s", seed);
    }
}
