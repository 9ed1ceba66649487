package org.cyberhealth.assess.provenance;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * White-box detection of radioactive data (Sablayrolles, Douze, Schmid and Jegou, ICML 2020): does a suspect network's
 * last layer point along the owner's carriers?
 *
 * <p>Feature spaces differ from network to network, so the suspect's class weights are first expressed in the marking
 * network's feature space by a linear map fitted on clean images, as the paper does. Here the map is the ridge
 * regression, on the clean images, of the suspect's class-c score w_c . phi_t(x) onto the marker's features phi(x)
 * (both centred): the direction w~_c of the marker's space that best predicts how the suspect scores class c. This is
 * A^T w_c for the least-squares map phi_t ~ A phi, computed without forming A.
 *
 * <p>Then each cosine(w~_c, u_c) is tested: for a carrier drawn uniformly on the sphere of dimension d, independently
 * of the suspect, (cos + 1) / 2 follows Beta((d - 1) / 2, (d - 1) / 2) (the paper's test), and the per-class p-values,
 * independent since the carriers are, are combined by Fisher's method: -2 sum log p_c follows chi-squared with 2C
 * degrees of freedom.
 */
public final class RadioactiveDetection {

    /** Cosines and p-values per class, and the combined test. */
    public record Result(double[] cosines, double[] pValues, MarkCheck combined) {}

    private RadioactiveDetection() {}

    /**
     * @param marker          the marking network's features
     * @param suspect         the suspect network's features
     * @param suspectWeights  the suspect's last-layer weights, C rows of {@code suspect.dimension()} values
     * @param clean           clean images (never marked) for the alignment: a few hundred
     */
    public static Result detect(FeatureNetwork marker, FeatureNetwork suspect, float[][] suspectWeights, float[][] clean, byte[] key) {
        int classes = suspectWeights.length;
        int d = marker.dimension();
        if (clean.length < 2 * d) {
            throw new IllegalArgumentException("the alignment needs at least " + 2 * d + " clean images, got " + clean.length);
        }
        double[][] phi = centred(marker.features(clean));
        double[][] phiT = centred(suspect.features(clean));
        double[][] gram = new double[d][d];
        for (double[] row : phi) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    gram[i][j] += row[i] * row[j];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += gram[i][i];
        }
        // A small ridge: dead (always zero) marker features make the Gram matrix singular; their weights go to zero.
        for (int i = 0; i < d; i++) {
            gram[i][i] += 1e-3 * trace / d + 1e-12;
        }
        float[][] carriers = Carriers.draw(key, classes, d);
        BetaDistribution nullCosine = BetaDistribution.of((d - 1) / 2.0, (d - 1) / 2.0);
        double[] cosines = new double[classes];
        double[] p = new double[classes];
        double fisher = 0;
        for (int c = 0; c < classes; c++) {
            double[] right = new double[d];
            for (int n = 0; n < phi.length; n++) {
                double score = 0;
                for (int k = 0; k < phiT[n].length; k++) {
                    score += suspectWeights[c][k] * phiT[n][k];
                }
                for (int i = 0; i < d; i++) {
                    right[i] += phi[n][i] * score;
                }
            }
            double[] aligned = Cholesky.solve(gram, right);
            double[] carrier = new double[d];
            for (int i = 0; i < d; i++) {
                carrier[i] = carriers[c][i];
            }
            cosines[c] = cosine(aligned, carrier);
            p[c] = nullCosine.survivalProbability((cosines[c] + 1) / 2);
            fisher += -2 * Math.log(Math.max(p[c], Double.MIN_NORMAL));
        }
        double combined = ChiSquaredDistribution.of(2 * classes).survivalProbability(fisher);
        double mean = java.util.Arrays.stream(cosines).average().orElse(0);
        return new Result(cosines, p, new MarkCheck("radioactive", mean, classes, 0, combined));
    }

    private static double[][] centred(float[][] rows) {
        int width = rows[0].length;
        double[] mean = new double[width];
        for (float[] row : rows) {
            for (int i = 0; i < width; i++) {
                mean[i] += row[i] / (double) rows.length;
            }
        }
        double[][] out = new double[rows.length][width];
        for (int n = 0; n < rows.length; n++) {
            for (int i = 0; i < width; i++) {
                out[n][i] = rows[n][i] - mean[i];
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double cosine(double[] a, double[] b) {
        double dot = dot(a, b);
        double na = dot(a, a);
        double nb = dot(b, b);
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
