package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/**
 * Local least-squares prediction of a layer's samples, after Dragoi and Coltuc, "Local-prediction-based
 * difference expansion reversible watermarking", IEEE TIP 23(4):1779-1790, 2014: each sample is
 * predicted from its four rhombus neighbours with weights fitted, by least squares, to the samples of
 * the same layer around it (a 7x7 window). Adapted to sorted embedding: the fit uses only samples
 * ranked at least two places later, which embedding has not marked yet when it reaches the sample and
 * which extraction, going from the last rank back, has already restored; so both fit the same weights
 * without any side information per sample. (Two places, so that the two samples of a pairwise-expanded
 * pair are both predicted from restored samples.) Samples at or past the layer's usable end are left
 * out of the fits: the dot layer's reserved samples hold header bits while it is extracted.
 *
 * <p>The fit is pulled towards the layer's global least-squares weights (sent as side information)
 * with a ridge term proportional to the local energy: where the window holds few later samples (the
 * busiest ranks) the global weights take over, and a textured window does not overfit. The prediction
 * is floored after adding an offset (also side information) that centres the errors where the
 * histogram's expansion bins sit; the offset and the global weights are chosen by the encoder.
 */
final class LocalPrediction {

    /** The window's half side: 7x7 fitted best on the benchmark images among 7x7 and 9x9. */
    private static final int RADIUS = 3;
    /** Ridge strength relative to the window's mean energy per weight. */
    private static final double RIDGE = 1.0;
    /** Global weights are sent in units of 1/256, in this many bits each (two's complement). */
    private static final int WEIGHT_BITS = 10;
    private static final double WEIGHT_UNIT = 256.0;
    /** The offsets tried, in quarters: 1..4 (written in two bits as 0..3). */
    private static final int OFFSETS = 4;

    private final RhombusWindow window;
    private final int[] ranked;
    private final int usable;
    /** Rank in the layer by window position, -1 where the position is not in the layer. */
    private final int[] rankOf;
    private final Parameters parameters;
    /** The same-layer positions of the window around a sample: offsets, and their column and row steps. */
    private final int[] neighbourhood;
    private final int[] columnSteps;
    private final int[] rowSteps;
    /** The global weights as the fit's prior, and scratch space for its system and solution (so an instance serves one thread). */
    private final double[] prior = new double[4];
    private final double[] system = new double[20];
    private final double[] weights = new double[4];
    /** The prediction errors by rank, for the encoder ({@link #chosen}); null for the extractor. */
    private int[] errors;

    /**
     * What the extractor needs besides the samples: the offset in quarters (0..3 for 1/4..1) and the global
     * weights in units of 1/256.
     */
    record Parameters(int offsetQuarters, int[] globalWeights) {

        void write(Bits out) {
            out.append(offsetQuarters, 2);
            for (int weight : globalWeights) {
                out.append(weight & ((1 << WEIGHT_BITS) - 1), WEIGHT_BITS);
            }
        }

        static Parameters read(BitReader in) {
            int offset = in.read(2);
            int[] weights = new int[4];
            for (int i = 0; i < 4; i++) {
                weights[i] = in.read(WEIGHT_BITS) << (32 - WEIGHT_BITS) >> (32 - WEIGHT_BITS);
            }
            return new Parameters(offset, weights);
        }
    }

    private LocalPrediction(RhombusWindow window, int[] ranked, int usable, Parameters parameters) {
        this.window = window;
        this.ranked = ranked;
        this.usable = usable;
        this.parameters = parameters;
        for (int i = 0; i < 4; i++) {
            prior[i] = parameters.globalWeights()[i] / WEIGHT_UNIT;
        }
        rankOf = new int[window.values.length];
        java.util.Arrays.fill(rankOf, -1);
        for (int rank = 0; rank < usable; rank++) {
            rankOf[ranked[rank]] = rank;
        }
        int count = 0;
        int size = (2 * RADIUS + 1) * (2 * RADIUS + 1);
        int[] offsets = new int[size];
        int[] columns = new int[size];
        int[] rows = new int[size];
        for (int dy = -RADIUS; dy <= RADIUS; dy++) {
            for (int dx = -RADIUS; dx <= RADIUS; dx++) {
                if (((dx + dy) & 1) == 0 && (dx != 0 || dy != 0)) {
                    offsets[count] = dy * window.width + dx;
                    columns[count] = dx;
                    rows[count++] = dy;
                }
            }
        }
        neighbourhood = java.util.Arrays.copyOf(offsets, count);
        columnSteps = java.util.Arrays.copyOf(columns, count);
        rowSteps = java.util.Arrays.copyOf(rows, count);
    }

    /**
     * The prediction for the layer's first {@code usable} ranks, with the global weights fitted on them and
     * the offset whose errors one class of expansions is expected to carry {@code bits} bits in most
     * cheaply (a quick estimate: the planner is run once, on the errors of the offset chosen).
     */
    static LocalPrediction fitted(RhombusWindow window, int[] ranked, int usable, int bits) {
        LocalPrediction unbiased = new LocalPrediction(window, ranked, usable, new Parameters(0, globalWeights(window, ranked, usable)));
        double[] predictions = new double[usable];
        for (int rank = 0; rank < usable; rank++) {
            predictions[rank] = unbiased.fit(rank);
        }
        int bestOffset = 0;
        int[] bestErrors = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int o = 0; o < OFFSETS; o++) {
            int[] errors = new int[usable];
            for (int rank = 0; rank < usable; rank++) {
                errors[rank] = window.values[ranked[rank]] - unbiased.rounded(predictions[rank], o);
            }
            double cost = expectedCost(errors, bits);
            if (bestErrors == null || cost < bestCost) {
                bestCost = cost;
                bestOffset = o;
                bestErrors = errors;
            }
        }
        LocalPrediction chosen = new LocalPrediction(window, ranked, usable, new Parameters(bestOffset, unbiased.parameters.globalWeights()));
        chosen.errors = bestErrors;
        return chosen;
    }

    /** What one class of expansions is expected to cost to carry {@code bits} in these errors. */
    private static double expectedCost(int[] errors, int bits) {
        ExpansionOptimizer.Solution solution = new ExpansionOptimizer(errors, errors.length, 1).solve(Math.max(1, bits));
        return solution == null ? Double.MAX_VALUE : solution.distortion();
    }

    /** The prediction errors of the first {@code usable} ranks, as the encoder measured them when it chose this prediction. */
    int[] errors() {
        return errors;
    }

    /** The prediction of the sample at {@code rank}, from the window's samples as they are now. */
    int predict(int rank) {
        return rounded(fit(rank), parameters.offsetQuarters());
    }

    private int rounded(double prediction, int offset) {
        long value = (long) Math.floor(prediction + (offset + 1) / 4.0);
        return (int) Math.max(window.minValue, Math.min(window.maxValue, value));
    }

    /** The least-squares prediction of the sample at {@code rank} (see the class comment), before rounding. */
    private double fit(int rank) {
        int w = window.width;
        int[] v = window.values;
        int p = ranked[rank];
        int x = p % w;
        int y = p / w;
        // the normal equations in locals (the upper triangle of the 4x4 matrix row by row, then the right
        // side): the fit runs for every sample of a layer, and arrays here cost a third of its time
        double m0 = 0, m1 = 0, m2 = 0, m3 = 0, m4 = 0, m5 = 0, m6 = 0, m7 = 0, m8 = 0, m9 = 0;
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        boolean inner = x >= RADIUS && y >= RADIUS && x < w - RADIUS && y < window.height - RADIUS;
        for (int i = 0; i < neighbourhood.length; i++) {
            if (!inner) {
                int qx = x + columnSteps[i];
                int qy = y + rowSteps[i];
                if (qx < 0 || qy < 0 || qx >= w || qy >= window.height) {
                    continue;
                }
            }
            int q = p + neighbourhood[i];
            if (rankOf[q] >= rank + 2) {
                double c0 = v[q - w];
                double c1 = v[q + w];
                double c2 = v[q - 1];
                double c3 = v[q + 1];
                double target = v[q];
                m0 += c0 * c0;
                m1 += c0 * c1;
                m2 += c0 * c2;
                m3 += c0 * c3;
                m4 += c1 * c1;
                m5 += c1 * c2;
                m6 += c1 * c3;
                m7 += c2 * c2;
                m8 += c2 * c3;
                m9 += c3 * c3;
                b0 += c0 * target;
                b1 += c1 * target;
                b2 += c2 * target;
                b3 += c3 * target;
            }
        }
        double ridge = RIDGE * (m0 + m4 + m7 + m9) / 4 + 1e-3;
        double[] a = system;
        a[0] = m0 + ridge; a[1] = m1; a[2] = m2; a[3] = m3; a[4] = b0 + ridge * prior[0];
        a[5] = m1; a[6] = m4 + ridge; a[7] = m5; a[8] = m6; a[9] = b1 + ridge * prior[1];
        a[10] = m2; a[11] = m5; a[12] = m7 + ridge; a[13] = m8; a[14] = b2 + ridge * prior[2];
        a[15] = m3; a[16] = m6; a[17] = m8; a[18] = m9 + ridge; a[19] = b3 + ridge * prior[3];
        double[] weights = this.weights;
        solve(a, weights);
        return weights[0] * v[p - w] + weights[1] * v[p + w] + weights[2] * v[p - 1] + weights[3] * v[p + 1];
    }

    /**
     * Solves the 4x4 system {@code a} (rows of four coefficients and the right side, row by row; overwritten)
     * into {@code w}, by Gaussian elimination (the matrix is positive definite).
     */
    private static void solve(double[] a, double[] w) {
        for (int c = 0; c < 4; c++) {
            for (int r = c + 1; r < 4; r++) {
                double f = a[5 * r + c] / a[5 * c + c];
                for (int k = c; k < 5; k++) {
                    a[5 * r + k] -= f * a[5 * c + k];
                }
            }
        }
        for (int r = 3; r >= 0; r--) {
            double s = a[5 * r + 4];
            for (int k = r + 1; k < 4; k++) {
                s -= a[5 * r + k] * w[k];
            }
            w[r] = s / a[5 * r + r];
        }
    }

    /** Adds one sample to the normal equations: {@code m} the upper triangle of the 4x4 matrix, row by row. */
    private static void accumulate(double[] m, double[] b, double c0, double c1, double c2, double c3, double target) {
        m[0] += c0 * c0;
        m[1] += c0 * c1;
        m[2] += c0 * c2;
        m[3] += c0 * c3;
        m[4] += c1 * c1;
        m[5] += c1 * c2;
        m[6] += c1 * c3;
        m[7] += c2 * c2;
        m[8] += c2 * c3;
        m[9] += c3 * c3;
        b[0] += c0 * target;
        b[1] += c1 * target;
        b[2] += c2 * target;
        b[3] += c3 * target;
    }

    /** The least-squares weights of the four neighbours over the layer's first {@code usable} ranks, quantised as sent. */
    private static int[] globalWeights(RhombusWindow window, int[] ranked, int usable) {
        int w = window.width;
        int[] v = window.values;
        double[] m = new double[10];
        double[] b = new double[4];
        for (int rank = 0; rank < usable; rank++) {
            int q = ranked[rank];
            accumulate(m, b, v[q - w], v[q + w], v[q - 1], v[q + 1], v[q]);
        }
        double ridge = 1e-6 * (m[0] + m[4] + m[7] + m[9]) / 4 + 1e-3;
        double pull = ridge * 0.25;
        double[] weights = new double[4];
        solve(new double[] {
            m[0] + ridge, m[1], m[2], m[3], b[0] + pull,
            m[1], m[4] + ridge, m[5], m[6], b[1] + pull,
            m[2], m[5], m[7] + ridge, m[8], b[2] + pull,
            m[3], m[6], m[8], m[9] + ridge, b[3] + pull}, weights);
        int[] quantised = new int[4];
        int limit = 1 << (WEIGHT_BITS - 1);
        for (int i = 0; i < 4; i++) {
            quantised[i] = (int) Math.max(-limit, Math.min(limit - 1, Math.round(weights[i] * WEIGHT_UNIT)));
        }
        return quantised;
    }

    Parameters parameters() {
        return parameters;
    }

    /** The prediction with these parameters, for the layer's first {@code usable} ranks (the extractor's). */
    static LocalPrediction of(RhombusWindow window, int[] ranked, int usable, Parameters parameters) {
        return new LocalPrediction(window, ranked, usable, parameters);
    }
}
