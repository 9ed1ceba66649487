package org.cyberhealth.assess.evasion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The Square attack in L-infinity (Andriushchenko, Croce, Flammarion and Hein, "Square attack: a
 * query-efficient black-box adversarial attack via random search", ECCV 2020): score-based, it reads only
 * the model's probabilities. Random search on the margin loss log p_y - max_{c != y} log p_c (the logit
 * margin, which softmax preserves). It starts from vertical stripes (each column of each channel moved by
 * +eps or -eps), then at each iteration proposes to set one random square window, per channel, to +eps or
 * -eps around the original (one sign per channel), and keeps the proposal if the margin drops. The
 * window's side is round(sqrt(p h w)), at least 1 and less than the image's side; p starts at p_init and
 * halves at iterations 10, 50, 200, 500, 1000, 2000, 4000, 6000 and 8000 of a 10,000-query run (the
 * paper's schedule, rescaled to the query budget as the authors do for other budgets).
 *
 * <p>The budget counts every image the model answers: the first query checks the clean image (one that is
 * already wrong comes back unchanged), the second scores the stripes, and the search stops for an image
 * once it is misclassified (margin below 0) or its budget is spent. Every result is within eps and in the
 * valid range.
 */
public final class SquareAttack implements EvasionAttack {

    private static final int[] HALVINGS = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};

    private final double eps;
    private final int queries;
    private final double pInit;
    private final long seed;

    /**
     * @param queries most images the model is asked about per attacked image, at least 2
     * @param pInit   the first share of pixels a window covers (the paper: 0.05 on ImageNet; 0.3 suits 28 x 28 images)
     */
    public SquareAttack(double eps, int queries, double pInit, long seed) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0");
        }
        if (queries < 2 || !(pInit > 0 && pInit <= 1)) {
            throw new IllegalArgumentException("the Square attack needs at least 2 queries and p_init in (0, 1]");
        }
        this.eps = eps;
        this.queries = queries;
        this.pInit = pInit;
        this.seed = seed;
    }

    /** The share of pixels a window covers at {@code iteration} (from 1). */
    double p(int iteration) {
        long scaled = iteration * 10_000L / queries;
        double p = pInit;
        for (int h : HALVINGS) {
            if (scaled > h) {
                p /= 2;
            }
        }
        return p;
    }

    @Override
    public float[][] generate(WhiteBoxClassifier model, float[][] images, int[] labels) {
        return attack(model, images, labels);
    }

    /** The attack itself, on a classifier that only answers probabilities. */
    public float[][] attack(Classifier model, float[][] images, int[] labels) {
        int n = images.length;
        float[][] adversarial = new float[n][];
        for (int i = 0; i < n; i++) {
            adversarial[i] = images[i].clone();
        }
        if (eps == 0) {
            return adversarial;
        }
        InputSpec input = model.input();
        Random random = new Random(seed);
        double[] margin = new double[n];
        float[][] clean = model.predict(images);
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (Scores.margin(clean[i], labels[i]) >= 0) {
                open.add(i);
            }
        }
        float[][] stripes = new float[open.size()][];
        for (int k = 0; k < stripes.length; k++) {
            stripes[k] = stripes(images[open.get(k)], input, random);
        }
        float[][] scored = model.predict(stripes);
        for (int k = 0; k < stripes.length; k++) {
            int i = open.get(k);
            adversarial[i] = stripes[k];
            margin[i] = Scores.margin(scored[k], labels[i]);
        }
        for (int iteration = 1; iteration <= queries - 2; iteration++) {
            open.removeIf(i -> margin[i] < 0);
            if (open.isEmpty()) {
                break;
            }
            int side = (int) Math.round(Math.sqrt(p(iteration) * input.height() * input.width()));
            side = Math.max(1, Math.min(side, Math.min(input.height(), input.width()) - 1));
            float[][] proposals = new float[open.size()][];
            for (int k = 0; k < proposals.length; k++) {
                int i = open.get(k);
                proposals[k] = window(images[i], adversarial[i], side, input, random);
            }
            float[][] p = model.predict(proposals);
            for (int k = 0; k < proposals.length; k++) {
                int i = open.get(k);
                double m = Scores.margin(p[k], labels[i]);
                if (m < margin[i]) {
                    margin[i] = m;
                    adversarial[i] = proposals[k];
                }
            }
        }
        return adversarial;
    }

    /** Each column of each channel moved by +eps or -eps, clipped. */
    private float[] stripes(float[] x, InputSpec input, Random random) {
        float[] out = new float[x.length];
        int plane = input.height() * input.width();
        for (int c = 0; c < input.channels(); c++) {
            for (int col = 0; col < input.width(); col++) {
                double shift = random.nextBoolean() ? eps : -eps;
                for (int row = 0; row < input.height(); row++) {
                    int at = c * plane + row * input.width() + col;
                    out[at] = (float) (x[at] + shift);
                }
            }
        }
        input.clip(out);
        return out;
    }

    /**
     * A copy of {@code current} with a random side x side window of each channel set to the original moved by
     * +eps or -eps. A proposal identical to {@code current} would waste a query, so then the signs flip.
     */
    private float[] window(float[] x, float[] current, int side, InputSpec input, Random random) {
        int top = random.nextInt(input.height() - side + 1);
        int left = random.nextInt(input.width() - side + 1);
        double[] shift = new double[input.channels()];
        for (int c = 0; c < shift.length; c++) {
            shift[c] = random.nextBoolean() ? eps : -eps;
        }
        float[] proposal = place(x, current, side, top, left, shift, input);
        if (Arrays.equals(proposal, current)) {
            for (int c = 0; c < shift.length; c++) {
                shift[c] = -shift[c];
            }
            proposal = place(x, current, side, top, left, shift, input);
        }
        return proposal;
    }

    private static float[] place(float[] x, float[] current, int side, int top, int left, double[] shift, InputSpec input) {
        float[] out = current.clone();
        int plane = input.height() * input.width();
        for (int c = 0; c < shift.length; c++) {
            for (int row = top; row < top + side; row++) {
                for (int col = left; col < left + side; col++) {
                    int at = c * plane + row * input.width() + col;
                    out[at] = (float) Math.min(input.upper(), Math.max(input.lower(), x[at] + shift[c]));
                }
            }
        }
        return out;
    }

    @Override
    public Norm norm() {
        return Norm.LINF;
    }

    @Override
    public double eps() {
        return eps;
    }

    public int queries() {
        return queries;
    }

    @Override
    public boolean queriesOnly() {
        return true;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Square linf eps %.4g, %d queries, p_init %.3g, seed %d", eps, queries, pInit, seed);
    }
}
