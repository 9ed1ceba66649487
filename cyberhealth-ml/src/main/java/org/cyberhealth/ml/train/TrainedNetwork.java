package org.cyberhealth.ml.train;

import java.util.List;
import org.cyberhealth.ml.data.Dataset;

/**
 * A trained network in plain numbers: its layers (the recipe's, then the output layer), per layer its weights (row-major: outputs x inputs for dense
 * layers, filters x channels x kernel x kernel for convolutions) and biases, {@code null} for layers
 * without parameters; the inputs' standardisation; and how the network scored on the held-out data.
 *
 * <p>For a regression the last layer already maps back to the target's own units (the training ran on a
 * standardised target; its mean and scale are folded into that layer), so the outputs need no
 * post-processing on the client.
 */
public record TrainedNetwork(Recipe recipe, List<LayerSpec> layers, int[] inputShape, Standardisation standardisation,
                             List<double[]> weights, List<double[]> biases, List<String> outputs,
                             Dataset trainedOn, Score score) {

    /** Accuracy (classification) or root mean squared error and R^2 (regression) on the test part. */
    public record Score(int samples, double accuracy, double rmse, double r2) {
        public String describe() {
            return Double.isNaN(accuracy)
                    ? String.format("RMSE %.2f, R^2 %.3f on %d held-out samples", rmse, r2, samples)
                    : String.format("accuracy %.2f%% on %d held-out samples", 100 * accuracy, samples);
        }
    }

    static Score score(double[][] predictions, Dataset test) {
        int n = test.size();
        if (test.isClassification()) {
            int right = 0;
            for (int i = 0; i < n; i++) {
                if (argmax(predictions[i]) == (int) test.targets()[i]) {
                    right++;
                }
            }
            return new Score(n, (double) right / n, Double.NaN, Double.NaN);
        }
        double mean = Standardisation.moments(test.targets())[0];
        double residual = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            residual += Math.pow(predictions[i][0] - test.targets()[i], 2);
            total += Math.pow(test.targets()[i] - mean, 2);
        }
        return new Score(n, Double.NaN, Math.sqrt(residual / n), 1 - residual / total);
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
