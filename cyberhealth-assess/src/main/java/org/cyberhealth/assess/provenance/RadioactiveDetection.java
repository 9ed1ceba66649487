package org.cyberhealth.assess.provenance;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.cyberhealth.ml.model.Classifier;

/**
 * Detection of radioactive data (Sablayrolles, Douze, Schmid and Jegou, ICML 2020): does a suspect network's last layer
 * point along the owner's carriers?
 *
 * <p>Feature spaces differ from network to network, so the suspect's class weights are first expressed in the marking
 * network's feature space by a linear map fitted on clean images, as the paper does. Here the map is the ridge
 * regression, on the clean images, of the suspect's class-c score onto the marker's features phi(x) (centred): the
 * direction w~_c of the marker's space that best predicts how the suspect scores class c. For a score w_c . phi_t(x)
 * this is A^T w_c for the least-squares map phi_t ~ A phi, computed without forming A. Only the scores enter, so the
 * white box (weights times features) and the black box (log-probabilities) are the same test.
 *
 * <p>Two parts of w~_c owe nothing to the carriers, and both are taken out before the test:
 * <ul>
 *   <li>the mean of the class weights. Softmax cross-entropy does not change when one vector is added to every class's
 *       weights, so its gradient never moves their mean: without weight decay (the paper's training has it, the
 *       project's recipes do not) the mean keeps its random initialisation. The scores are centred over the classes,
 *       which centres the weights.</li>
 *   <li>the clean task: the directions that the marking network's own scores show through the same map, C - 1 of
 *       them. On a binary task the suspect's w~_1 - w~_0 is mostly the task's direction, whose cosine with a carrier is
 *       a fixed draw for each key, the same whatever the suspect's seed (per-class cosines of 0.10 to 0.21 in our
 *       unmarked runs), a bias the test read as evidence for or against. Both w~_c and u_c are projected onto the
 *       orthogonal complement of that span.</li>
 * </ul>
 * Neither step depends on the key, so the null law stays exact: a carrier drawn uniformly on the sphere of R^d,
 * projected onto a fixed m-dimensional subspace, points uniformly on that subspace's sphere, and the cosine of any
 * fixed vector with it has (cos + 1) / 2 ~ Beta((m - 1) / 2, (m - 1) / 2), m = d - (C - 1) (the paper's test, with
 * m for d). The per-class p-values, independent since the carriers are, are combined by Fisher's method:
 * -2 sum log p_c follows chi-squared with 2C degrees of freedom.
 *
 * <p>With two classes the centred weights are +-(w~_1 - w~_0) / 2 and the marks push that one direction along
 * u_1 - u_0 (class-1 images moved along u_1, class-0 images along u_0), so the test is the single cosine of
 * w~_1 - w~_0 with u_1 - u_0. Two per-class cosines would each see the component of w~_1 - w~_0 along u_0 + u_1,
 * unrelated to the marks, with opposite signs.
 */
public final class RadioactiveDetection {

    /**
     * Cosines and p-values per class (one, w~_1 - w~_0 against u_1 - u_0, with two classes), the dimension m of the
     * space tested, and the combined test.
     */
    public record Result(double[] cosines, double[] pValues, int dimension, MarkCheck combined) {}

    private RadioactiveDetection() {}

    /**
     * White box: the suspect's class scores w_c . phi_t(x) computed from its features and last-layer weights.
     *
     * @param marker          the marking network's features (and its class weights: the task directions set aside)
     * @param suspect         the suspect network's features
     * @param suspectWeights  the suspect's last-layer weights, C rows of {@code suspect.dimension()} values
     * @param clean           clean images (never marked) for the alignment: a few hundred
     */
    public static Result detect(FeatureNetwork marker, FeatureNetwork suspect, float[][] suspectWeights, float[][] clean, byte[] key) {
        return fromScores(marker, scores(suspect.features(clean), suspectWeights), clean, key);
    }

    /**
     * Black box: the suspect's log-probabilities on the clean images stand for its class scores. A softmax's
     * log-probabilities are the logits less one number per image, which the centring over the classes removes, and
     * the logits are the scores plus biases, which the centring over the images removes: the same test as the white
     * box, for any classifier that answers probabilities (ONNX, TorchScript, an endpoint). Not for labels only.
     */
    public static Result detect(FeatureNetwork marker, Classifier suspect, float[][] clean, byte[] key) {
        float[][] p = suspect.predict(clean);
        double[][] scores = new double[p.length][];
        for (int n = 0; n < p.length; n++) {
            scores[n] = new double[p[n].length];
            for (int c = 0; c < p[n].length; c++) {
                // A probability that underflowed to 0 (logits more than about 100 apart) is read as the smallest float.
                scores[n][c] = Math.log(Math.max(p[n][c], Float.MIN_VALUE));
            }
        }
        return fromScores(marker, scores, clean, key);
    }

    private static Result fromScores(FeatureNetwork marker, double[][] scores, float[][] clean, byte[] key) {
        int classes = scores[0].length;
        int d = marker.dimension();
        if (clean.length < 2 * d) {
            throw new IllegalArgumentException("the alignment needs at least " + 2 * d + " clean images, got " + clean.length);
        }
        if (marker.classWeights().length != classes) {
            throw new IllegalArgumentException("the marker has " + marker.classWeights().length + " classes, the suspect " + classes);
        }
        float[][] markerFeatures = marker.features(clean);
        double[][] phi = centred(markerFeatures);
        double[][] aligned = aligned(phi, centredClasses(scores));
        // The marker's own scores through the same map: the clean task's directions, as any suspect's would show them.
        List<double[]> task = orthonormal(aligned(phi, centredClasses(scores(markerFeatures, marker.classWeights()))));
        int m = d - task.size();
        double[][] carriers = contrasts(Carriers.draw(key, classes, d));
        double[][] directions = classes == 2 ? new double[][] {minus(aligned[1], aligned[0])} : aligned;
        BetaDistribution nullCosine = BetaDistribution.of((m - 1) / 2.0, (m - 1) / 2.0);
        double[] cosines = new double[directions.length];
        double[] p = new double[directions.length];
        double fisher = 0;
        for (int c = 0; c < directions.length; c++) {
            cosines[c] = cosine(outside(directions[c], task), outside(carriers[c], task));
            p[c] = nullCosine.survivalProbability((cosines[c] + 1) / 2);
            fisher += -2 * Math.log(Math.max(p[c], Double.MIN_NORMAL));
        }
        double combined = directions.length == 1 ? p[0] : ChiSquaredDistribution.of(2 * directions.length).survivalProbability(fisher);
        double mean = java.util.Arrays.stream(cosines).average().orElse(0);
        return new Result(cosines, p, m, new MarkCheck("radioactive", mean, directions.length, 0, combined));
    }

    /**
     * The carriers as tested: each class's own, or with two classes the single contrast u_1 - u_0. Its direction is
     * uniform on the sphere too (the law of u_1 - u_0 is invariant under rotations), so the same null law holds.
     */
    private static double[][] contrasts(float[][] carriers) {
        double[][] u = new double[carriers.length][];
        for (int c = 0; c < u.length; c++) {
            u[c] = new double[carriers[c].length];
            for (int i = 0; i < u[c].length; i++) {
                u[c][i] = carriers[c][i];
            }
        }
        return u.length == 2 ? new double[][] {minus(u[1], u[0])} : u;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /**
     * For each class, the ridge regression of its scores (centred over the images) on the centred marker features
     * {@code phi}: the direction of the marker's space that best predicts how the suspect scores that class.
     */
    private static double[][] aligned(double[][] phi, double[][] scores) {
        int d = phi[0].length;
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
        // phi is centred, so the scores' own mean over the images drops out of phi^T s: no need to centre them.
        double[][] out = new double[scores[0].length][];
        for (int c = 0; c < out.length; c++) {
            double[] right = new double[d];
            for (int n = 0; n < phi.length; n++) {
                for (int i = 0; i < d; i++) {
                    right[i] += phi[n][i] * scores[n][c];
                }
            }
            out[c] = Cholesky.solve(gram, right);
        }
        return out;
    }

    /** An orthonormal basis of the span of {@code rows} (Gram-Schmidt; rows dependent on earlier ones are dropped). */
    private static List<double[]> orthonormal(double[][] rows) {
        List<double[]> basis = new ArrayList<>();
        double scale = 0;
        for (double[] row : rows) {
            scale = Math.max(scale, Math.sqrt(dot(row, row)));
        }
        for (double[] row : rows) {
            double[] v = outside(row, basis);
            double norm = Math.sqrt(dot(v, v));
            if (norm > 1e-6 * scale) {
                for (int i = 0; i < v.length; i++) {
                    v[i] /= norm;
                }
                basis.add(v);
            }
        }
        return basis;
    }

    /** {@code v} less its projection on the span of the orthonormal {@code basis}. */
    private static double[] outside(double[] v, List<double[]> basis) {
        double[] out = v.clone();
        for (double[] b : basis) {
            double along = dot(out, b);
            for (int i = 0; i < out.length; i++) {
                out[i] -= along * b[i];
            }
        }
        return out;
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

    /**
     * Each image's class scores less their mean over the classes: the part that the class weights, less their mean,
     * produce (the part that training moves).
     */
    private static double[][] centredClasses(double[][] w) {
        double[][] out = new double[w.length][];
        for (int r = 0; r < w.length; r++) {
            double mean = 0;
            for (double v : w[r]) {
                mean += v / w[r].length;
            }
            out[r] = new double[w[r].length];
            for (int c = 0; c < w[r].length; c++) {
                out[r][c] = w[r][c] - mean;
            }
        }
        return out;
    }

    /** The class scores w_c . f of each feature row {@code f}. */
    private static double[][] scores(float[][] features, float[][] weights) {
        double[][] out = new double[features.length][weights.length];
        for (int n = 0; n < features.length; n++) {
            for (int c = 0; c < weights.length; c++) {
                for (int k = 0; k < features[n].length; k++) {
                    out[n][c] += weights[c][k] * features[n][k];
                }
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
