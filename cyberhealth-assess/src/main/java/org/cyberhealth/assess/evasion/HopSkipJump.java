package org.cyberhealth.assess.evasion;

import java.util.Locale;
import java.util.Random;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * HopSkipJump in L2, untargeted (Chen, Jordan and Wainwright, "HopSkipJumpAttack: a query-efficient
 * decision-based attack", IEEE S&P 2020): decision-based, it reads only the predicted label. From a
 * misclassified start (random noise images until one is labelled wrongly), it repeats three moves:
 * <ol>
 *   <li>a binary search on the segment between the original and the current adversarial image, down to a
 *       blend tolerance theta = d^(-3/2) (d values per image), landing just on the adversarial side of the
 *       decision boundary;</li>
 *   <li>an estimate of the boundary's normal there: B_t = B_0 sqrt(t) random unit directions u_b (B_0 = 100),
 *       probes x_t + delta_t u_b with delta_t = sqrt(d) theta ||x_t - x*|| (the paper's choice), each probe's
 *       sign phi_b = +1 if adversarial, else -1, and the direction sum_b (phi_b - mean phi) u_b (the
 *       baseline-corrected estimator; the plain mean of phi_b u_b when all signs agree);</li>
 *   <li>a geometric step: from xi_t = ||x_t - x*|| / sqrt(t), halve until x_t + xi_t v is still adversarial.</li>
 * </ol>
 * Probes and steps are clipped to the valid range; the probe directions are then measured after clipping.
 *
 * <p>The budget counts every image whose label is asked for: the first checks the clean image (one already
 * wrong comes back unchanged); every search, estimate and step is cut to land exactly on the budget. A
 * minimum-norm attack: its eps only scores the result; an image for which no adversarial start was found
 * comes back unchanged.
 */
public final class HopSkipJump implements EvasionAttack {

    private static final int INITIAL_PROBES = 100;
    /** Random images tried for a start, at most (each costs a query). */
    private static final int START_TRIES = 100;

    private final double eps;
    private final int queries;
    private final long seed;

    public HopSkipJump(double eps, int queries, long seed) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0");
        }
        if (queries < 2) {
            throw new IllegalArgumentException("HopSkipJump needs at least 2 queries");
        }
        this.eps = eps;
        this.queries = queries;
        this.seed = seed;
    }

    @Override
    public float[][] generate(WhiteBoxClassifier model, float[][] images, int[] labels) {
        return attack(model, images, labels);
    }

    /** The attack itself, on a classifier of which it reads only the predicted labels. */
    public float[][] attack(Classifier model, float[][] images, int[] labels) {
        Random random = new Random(seed);
        float[][] out = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            out[i] = new Search(model, images[i], labels[i], random).run();
        }
        return out;
    }

    /** The attack on one image, with its own query count. */
    private final class Search {

        private final Classifier model;
        private final InputSpec input;
        private final float[] original;
        private final int label;
        private final Random random;
        private final int d;
        private final double theta;
        private int used;

        Search(Classifier model, float[] original, int label, Random random) {
            this.model = model;
            this.input = model.input();
            this.original = original;
            this.label = label;
            this.random = random;
            this.d = original.length;
            this.theta = Math.pow(d, -1.5);
        }

        float[] run() {
            if (adversarial(new float[][] {original})[0]) {
                return original.clone();
            }
            float[] start = randomStart();
            if (start == null) {
                return original.clone();
            }
            float[] boundary = binarySearch(start);
            for (int t = 1; left() > 0; t++) {
                double distance = Norm.L2.distance(original, boundary);
                float[] v = direction(boundary, Math.sqrt(d) * theta * distance, t);
                if (v == null) {
                    break;
                }
                float[] stepped = step(boundary, v, distance / Math.sqrt(t));
                if (stepped == null) {
                    break;
                }
                float[] next = binarySearch(stepped);
                if (Norm.L2.distance(original, next) < distance) {
                    boundary = next;
                }
            }
            return boundary;
        }

        private int left() {
            return queries - used;
        }

        /** Asks for the labels of {@code batch}; true where the label is wrong. Never past the budget. */
        private boolean[] adversarial(float[][] batch) {
            if (batch.length > left()) {
                throw new IllegalStateException("query budget overrun");
            }
            used += batch.length;
            int[] predicted = model.predictLabels(batch);
            boolean[] wrong = new boolean[batch.length];
            for (int b = 0; b < batch.length; b++) {
                wrong[b] = predicted[b] != label;
            }
            return wrong;
        }

        /**
         * The paper's start, uniform noise over the range; then noise over a random sub-interval [a, b] of it.
         * A two-class X-ray model may label every full-range noise image alike (so no start exists for that
         * class's images); darker or brighter noise reaches the other class. The first try is the paper's.
         */
        private float[] randomStart() {
            double lower = input.lower();
            double span = (double) input.upper() - input.lower();
            for (int tries = 0; tries < START_TRIES && left() > 0; tries++) {
                double a = tries == 0 ? 0 : random.nextDouble();
                double b = tries == 0 ? 1 : random.nextDouble();
                float[] noise = new float[d];
                for (int p = 0; p < d; p++) {
                    noise[p] = (float) (lower + span * (Math.min(a, b) + random.nextDouble() * Math.abs(b - a)));
                }
                if (adversarial(new float[][] {noise})[0]) {
                    return noise;
                }
            }
            return null;
        }

        /** The blend (1 - a) x* + a {@code outside} with the smallest a found adversarial, to within theta. */
        private float[] binarySearch(float[] outside) {
            double low = 0;
            double high = 1;
            while (high - low > theta && left() > 0) {
                double middle = (low + high) / 2;
                if (adversarial(new float[][] {blend(outside, middle)})[0]) {
                    high = middle;
                } else {
                    low = middle;
                }
            }
            return high == 1 ? outside : blend(outside, high);
        }

        private float[] blend(float[] outside, double a) {
            float[] out = new float[d];
            for (int p = 0; p < d; p++) {
                out[p] = (float) ((1 - a) * original[p] + a * outside[p]);
            }
            input.clip(out);
            return out;
        }

        /**
         * The estimated unit normal of the boundary at {@code at}, or null when no query is left. With the
         * budget nearly spent the estimate uses what is left (one probe: that probe's direction, signed).
         */
        private float[] direction(float[] at, double delta, int t) {
            int probes = (int) Math.min(INITIAL_PROBES * Math.sqrt(t), left());
            if (probes < 1 || delta == 0) {
                return null;
            }
            float[][] points = new float[probes][d];
            double[][] u = new double[probes][d];
            for (int b = 0; b < probes; b++) {
                double sum = 0;
                for (int p = 0; p < d; p++) {
                    u[b][p] = random.nextGaussian();
                    sum += u[b][p] * u[b][p];
                }
                double scale = delta / Math.sqrt(sum);
                for (int p = 0; p < d; p++) {
                    points[b][p] = (float) (at[p] + scale * u[b][p]);
                }
                input.clip(points[b]);
                for (int p = 0; p < d; p++) {
                    u[b][p] = (points[b][p] - at[p]) / delta;
                }
            }
            boolean[] wrong = adversarial(points);
            double mean = 0;
            for (boolean w : wrong) {
                mean += w ? 1 : -1;
            }
            mean /= probes;
            boolean allAgree = Math.abs(mean) == 1;
            double[] sum = new double[d];
            for (int b = 0; b < probes; b++) {
                double weight = (wrong[b] ? 1 : -1) - (allAgree ? 0 : mean);
                for (int p = 0; p < d; p++) {
                    sum[p] += weight * u[b][p];
                }
            }
            double length = 0;
            for (double s : sum) {
                length += s * s;
            }
            length = Math.sqrt(length);
            if (length == 0) {
                return null;
            }
            float[] v = new float[d];
            for (int p = 0; p < d; p++) {
                v[p] = (float) (sum[p] / length);
            }
            return v;
        }

        /** The first of at, at + xi v, at + xi v / 2, ... that is adversarial; null if the budget runs out first. */
        private float[] step(float[] at, float[] v, double xi) {
            while (left() > 0) {
                float[] candidate = new float[d];
                for (int p = 0; p < d; p++) {
                    candidate[p] = (float) (at[p] + xi * v[p]);
                }
                input.clip(candidate);
                if (adversarial(new float[][] {candidate})[0]) {
                    return candidate;
                }
                xi /= 2;
            }
            return null;
        }
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

    public int queries() {
        return queries;
    }

    @Override
    public boolean queriesOnly() {
        return true;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "HopSkipJump l2, %d queries, seed %d, scored at eps %.4g", queries, seed, eps);
    }
}
