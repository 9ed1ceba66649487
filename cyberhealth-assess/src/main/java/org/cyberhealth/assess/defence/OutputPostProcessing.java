package org.cyberhealth.assess.defence;

/**
 * What a prediction service releases in place of its full probability vector, against membership inference and model
 * extraction (Tramer, Zhang, Juels, Reiter, Ristenpart, "Stealing Machine Learning Models via Prediction APIs", USENIX
 * Security 2016, section 8, propose rounding and labels only; Shokri et al. 2017 top-k). Every processing here keeps
 * the predicted label (the first maximum stays the first maximum) and releases a probability vector (values in [0, 1],
 * summing to 1), so the service's accuracy and its answers' format are unchanged.
 */
public interface OutputPostProcessing {

    /** The released row for {@code probabilities} (untouched) of {@code image} (untouched; a key for randomised ones). */
    float[] apply(float[] probabilities, float[] image);

    /** A short description with the settings, e.g. "rounded to 2 decimals". */
    String describe();

    /** The index of the first maximum: the label that every processing keeps. */
    static int top(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
