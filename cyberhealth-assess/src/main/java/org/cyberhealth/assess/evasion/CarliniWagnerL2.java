package org.cyberhealth.assess.evasion;

import java.util.Locale;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The Carlini-Wagner L2 attack (Carlini and Wagner, "Towards evaluating the robustness of neural
 * networks", IEEE S&P 2017), untargeted: minimise ||delta||_2^2 + c f(x + delta) with the paper's f6,
 * f = max(z_y - max_{j != y} z_j, -kappa) on the logits z, which stops pushing once another class leads by
 * the confidence kappa. The box constraint disappears through the change of variables
 * x + delta = lower + (upper - lower) (tanh(w) + 1) / 2, and Adam minimises over w, starting from the image
 * itself. A binary search over c, per image, keeps the smallest successful perturbation: after a success
 * c moves down to the middle of its bracket, after a failure it moves up (times 10 until a success brackets
 * it).
 *
 * <p>A minimum-norm attack: it is not bounded by eps, which only scores its result. Images it cannot fool
 * come back unchanged. Deterministic: no random start.
 */
public final class CarliniWagnerL2 implements EvasionAttack {

    /** Keeps tanh's argument finite at the range's ends (pixels at exactly 0 or 1 are common in X-rays). */
    private static final double INSIDE = 1 - 1e-6;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private final double eps;
    private final double confidence;
    private final int steps;
    private final int searchSteps;
    private final double initialConstant;
    private final double learningRate;

    /**
     * @param eps             the L2 budget that scores the result (an image is fooled if its perturbation is within it)
     * @param confidence      kappa, the logit lead over the true class that counts as success (0: any misclassification)
     * @param steps           Adam iterations per constant
     * @param searchSteps     constants tried per image (the binary search)
     * @param initialConstant the first c
     * @param learningRate    Adam's step on w
     */
    public CarliniWagnerL2(double eps, double confidence, int steps, int searchSteps, double initialConstant, double learningRate) {
        if (!(eps >= 0) || Double.isInfinite(eps) || !(confidence >= 0) || Double.isInfinite(confidence)) {
            throw new IllegalArgumentException("eps and the confidence must be finite numbers >= 0");
        }
        if (steps < 1 || searchSteps < 1 || !(initialConstant > 0) || !(learningRate > 0)) {
            throw new IllegalArgumentException("C&W needs at least one step and one search step, a constant > 0 and a learning rate > 0");
        }
        this.eps = eps;
        this.confidence = confidence;
        this.steps = steps;
        this.searchSteps = searchSteps;
        this.initialConstant = initialConstant;
        this.learningRate = learningRate;
    }

    /**
     * Our defaults for a small budget of gradients: 100 Adam steps of 0.01 and 5 constants from c = 1 (the
     * paper runs up to 10,000 steps and 9 constants from 0.001; with 5, a start at 1 lets the search go
     * both ways).
     */
    public static CarliniWagnerL2 of(double eps, double confidence) {
        return new CarliniWagnerL2(eps, confidence, 100, 5, 1.0, 0.01);
    }

    @Override
    public float[][] generate(WhiteBoxClassifier model, float[][] images, int[] labels) {
        InputSpec input = model.input();
        int n = images.length;
        int d = input.size();
        double span = (double) input.upper() - input.lower();
        double[][] start = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                double unit = 2 * (images[i][p] - input.lower()) / span - 1;
                start[i][p] = atanh(Math.max(-INSIDE, Math.min(INSIDE, unit)));
            }
        }
        float[][] best = new float[n][];
        double[] bestL2 = new double[n];
        double[] constant = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            best[i] = images[i].clone();
            bestL2[i] = Double.POSITIVE_INFINITY;
            constant[i] = initialConstant;
            high[i] = Double.POSITIVE_INFINITY;
        }
        for (int search = 0; search < searchSteps; search++) {
            boolean[] succeeded = descend(model, images, labels, start, constant, best, bestL2);
            for (int i = 0; i < n; i++) {
                if (succeeded[i]) {
                    high[i] = Math.min(high[i], constant[i]);
                    constant[i] = (low[i] + high[i]) / 2;
                } else {
                    low[i] = Math.max(low[i], constant[i]);
                    constant[i] = high[i] < Double.POSITIVE_INFINITY ? (low[i] + high[i]) / 2 : constant[i] * 10;
                }
            }
        }
        return best;
    }

    /** One Adam run per image at its constant; records successes in {@code best}; returns which images succeeded. */
    private boolean[] descend(WhiteBoxClassifier model, float[][] images, int[] labels, double[][] start, double[] constant,
                              float[][] best, double[] bestL2) {
        InputSpec input = model.input();
        int n = images.length;
        int d = input.size();
        double half = ((double) input.upper() - input.lower()) / 2;
        double[][] w = new double[n][];
        double[][] m = new double[n][d];
        double[][] v = new double[n][d];
        for (int i = 0; i < n; i++) {
            w[i] = start[i].clone();
        }
        boolean[] succeeded = new boolean[n];
        for (int step = 0; step <= steps; step++) {
            float[][] x = new float[n][d];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < d; p++) {
                    x[i][p] = (float) (input.lower() + half * (Math.tanh(w[i][p]) + 1));
                }
                input.clip(x[i]);
            }
            WhiteBoxClassifier.MarginGradient g = model.marginGradient(x, labels);
            for (int i = 0; i < n; i++) {
                double l2 = Norm.L2.distance(images[i], x[i]);
                if (g.margin()[i] < -confidence) {
                    succeeded[i] = true;
                    if (l2 < bestL2[i]) {
                        bestL2[i] = l2;
                        best[i] = x[i];
                    }
                }
            }
            if (step == steps) {
                break;
            }
            double bias1 = 1 - Math.pow(BETA1, step + 1);
            double bias2 = 1 - Math.pow(BETA2, step + 1);
            for (int i = 0; i < n; i++) {
                // f6 is flat once the margin is below -kappa: only the distance term pulls then.
                boolean active = g.margin()[i] > -confidence;
                for (int p = 0; p < d; p++) {
                    double dx = 2 * ((double) x[i][p] - images[i][p]) + (active ? constant[i] * g.gradient()[i][p] : 0);
                    double t = Math.tanh(w[i][p]);
                    double dw = dx * half * (1 - t * t);
                    m[i][p] = BETA1 * m[i][p] + (1 - BETA1) * dw;
                    v[i][p] = BETA2 * v[i][p] + (1 - BETA2) * dw * dw;
                    w[i][p] -= learningRate * (m[i][p] / bias1) / (Math.sqrt(v[i][p] / bias2) + ADAM_EPSILON);
                }
            }
        }
        return succeeded;
    }

    private static double atanh(double u) {
        return 0.5 * Math.log((1 + u) / (1 - u));
    }

    @Override
    public Norm norm() {
        return Norm.L2;
    }

    @Override
    public double eps() {
        return eps;
    }

    @Override
    public boolean budgeted() {
        return false;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "C&W L2 kappa %.3g, %d constants from %.3g x %d Adam steps of %.3g, scored at eps %.4g", confidence,
                searchSteps, initialConstant, steps, learningRate, eps);
    }
}
