package org.cyberhealth.assess.defence;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The k most probable classes with their probabilities (Shokri, Stronati, Song, Shmatikov, S&P 2017, section VIII,
 * "restrict the prediction vector to top k classes"); the other classes share the remaining mass evenly, which is all a
 * client can infer about them and keeps the row a distribution. With k at least the class count nothing is hidden.
 */
public final class TopK implements OutputPostProcessing {

    private final int k;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
    }

    @Override
    public float[] apply(float[] probabilities, float[] image) {
        int n = probabilities.length;
        if (k >= n) {
            return probabilities.clone();
        }
        Integer[] order = new Integer[n];
        for (int c = 0; c < n; c++) {
            order[c] = c;
        }
        // Stable sort by decreasing probability: the first maximum comes first, so it is kept and stays the first maximum.
        Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -probabilities[c]));
        float[] out = new float[n];
        double kept = 0;
        for (int r = 0; r < k; r++) {
            out[order[r]] = probabilities[order[r]];
            kept += probabilities[order[r]];
        }
        float rest = (float) (Math.max(0, 1 - kept) / (n - k));
        for (int r = k; r < n; r++) {
            out[order[r]] = Math.min(rest, out[order[0]]);
        }
        return out;
    }

    @Override
    public String describe() {
        return "top-" + k;
    }
}
