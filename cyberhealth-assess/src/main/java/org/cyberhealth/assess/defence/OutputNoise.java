package org.cyberhealth.assess.defence;

import java.util.Random;

/**
 * Label-preserving noise on the released probabilities, after the deceptive perturbation of Lee, Edwards, Molloy,
 * Srivastava ("Defending Against NN Model Stealing Attacks Using Deceptive Perturbations", IEEE S&P Workshops 2019) and
 * the prediction poisoning of Orekondy, Schiele, Fritz (ICLR 2020): a perturbation that leaves the top-1 label alone but
 * misleads whoever trains on the scores. Ours is Gaussian noise of standard deviation {@code scale} on the
 * log-probabilities, renormalised by a softmax; where the noise moved the maximum, the original top class and the new one
 * swap their values, so the label holds. The noise is keyed by the image and a secret: asking twice gives the same
 * answer, so averaging repeated queries does not remove it.
 */
public final class OutputNoise implements OutputPostProcessing {

    private final double scale;
    private final long secret;

    public OutputNoise(double scale, long secret) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("the noise scale must be finite and >= 0");
        }
        this.scale = scale;
        this.secret = secret;
    }

    @Override
    public float[] apply(float[] probabilities, float[] image) {
        int n = probabilities.length;
        int top = OutputPostProcessing.top(probabilities);
        long key = secret;
        for (float v : image) {
            key = key * 0x9E3779B97F4A7C15L + Float.floatToIntBits(v);
        }
        Random random = new Random(key);
        double[] logits = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            logits[c] = Math.log(Math.max(probabilities[c], Float.MIN_VALUE)) + scale * random.nextGaussian();
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < n; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        float[] out = new float[n];
        for (int c = 0; c < n; c++) {
            out[c] = (float) (logits[c] / sum);
        }
        int moved = OutputPostProcessing.top(out);
        if (moved != top) {
            float held = out[top];
            out[top] = out[moved];
            out[moved] = held;
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "log-space noise, sd %.3g, label kept", scale);
    }
}
