package org.cyberhealth.assess.evasion;

import java.util.Locale;
import java.util.Random;
import org.cyberhealth.ml.model.InputSpec;

/**
 * The norm that measures a perturbation, and with it the three geometric moves of a gradient attack:
 * the steepest-ascent step of a given length, the projection back onto the eps-ball, and a random point
 * of the ball to start from. Arithmetic in double; images stay float.
 */
public enum Norm {

    /** max_i |d_i|: every pixel may move by eps (the steepest step is the gradient's sign). */
    LINF("linf") {
        @Override
        public double size(float[] d) {
            double max = 0;
            for (float v : d) {
                max = Math.max(max, Math.abs(v));
            }
            return max;
        }

        @Override
        void ascend(float[] x, float[] gradient, double step) {
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (step * Math.signum(gradient[i]));
            }
        }

        @Override
        void project(double[] delta, double eps) {
            for (int i = 0; i < delta.length; i++) {
                delta[i] = Math.max(-eps, Math.min(eps, delta[i]));
            }
        }

        @Override
        double[] randomPoint(Random random, int size, double eps) {
            double[] d = new double[size];
            for (int i = 0; i < size; i++) {
                d[i] = eps * (2 * random.nextDouble() - 1);
            }
            return d;
        }
    },

    /** sqrt(sum d_i^2): the energy of the change (the steepest step follows the normalised gradient). */
    L2("l2") {
        @Override
        public double size(float[] d) {
            double sum = 0;
            for (float v : d) {
                sum += (double) v * v;
            }
            return Math.sqrt(sum);
        }

        @Override
        void ascend(float[] x, float[] gradient, double step) {
            double length = size(gradient);
            if (length == 0) {
                return;
            }
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) (step * gradient[i] / length);
            }
        }

        @Override
        void project(double[] delta, double eps) {
            double sum = 0;
            for (double v : delta) {
                sum += v * v;
            }
            double length = Math.sqrt(sum);
            if (length > eps) {
                for (int i = 0; i < delta.length; i++) {
                    delta[i] *= eps / length;
                }
            }
        }

        /** Uniform in the ball: a Gaussian direction, and a radius eps * U^(1/n). */
        @Override
        double[] randomPoint(Random random, int size, double eps) {
            double[] d = new double[size];
            double sum = 0;
            for (int i = 0; i < size; i++) {
                d[i] = random.nextGaussian();
                sum += d[i] * d[i];
            }
            double radius = eps * Math.pow(random.nextDouble(), 1.0 / size) / Math.sqrt(sum);
            for (int i = 0; i < size; i++) {
                d[i] *= radius;
            }
            return d;
        }
    };

    private final String id;

    Norm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The norm of {@code d}. */
    public abstract double size(float[] d);

    /** Moves {@code x} in place by {@code step} (in this norm) along the steepest ascent for {@code gradient}. */
    abstract void ascend(float[] x, float[] gradient, double step);

    /** Projects {@code delta} in place onto the ball of radius {@code eps}. */
    abstract void project(double[] delta, double eps);

    abstract double[] randomPoint(Random random, int size, double eps);

    /** The size of {@code adversarial - original} in this norm. */
    public double distance(float[] original, float[] adversarial) {
        float[] d = new float[original.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = adversarial[i] - original[i];
        }
        return size(d);
    }

    /**
     * {@code candidate} pulled back into the eps-ball around {@code original}, then clipped to the valid
     * range. The clip cannot leave the ball: {@code original} lies in the range, so clipping only moves
     * each value towards it.
     */
    float[] projectAndClip(float[] original, float[] candidate, double eps, InputSpec input) {
        double[] delta = new double[original.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = (double) candidate[i] - original[i];
        }
        project(delta, eps);
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (original[i] + delta[i]);
        }
        input.clip(out);
        return out;
    }

    /** A random point of the eps-ball around {@code original}, clipped to the valid range. */
    float[] randomStart(float[] original, double eps, InputSpec input, Random random) {
        double[] delta = randomPoint(random, original.length, eps);
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (original[i] + delta[i]);
        }
        return projectAndClip(original, out, eps, input);
    }

    public static Norm byId(String id) {
        for (Norm n : values()) {
            if (n.id.equals(id.toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown norm '" + id + "' (linf, l2)");
    }
}
