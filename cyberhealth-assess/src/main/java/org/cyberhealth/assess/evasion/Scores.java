package org.cyberhealth.assess.evasion;

/** Small facts about a probability vector that several attacks read. */
final class Scores {

    private Scores() {}

    static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * log p_label - log max over the other classes of p_c: the logit margin z_label - max z_c, which softmax
     * preserves, read from probabilities alone. Negative exactly when another class wins.
     */
    static double margin(float[] p, int label) {
        double other = 0;
        for (int c = 0; c < p.length; c++) {
            if (c != label) {
                other = Math.max(other, p[c]);
            }
        }
        return Math.log(p[label]) - Math.log(other);
    }
}
