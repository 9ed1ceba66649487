package org.cyberhealth.ml.model;

import ai.djl.ndarray.NDArray;

/**
 * What a network's last layer gives, declared next to the model: class scores (logits, the usual
 * PyTorch export) or probabilities (a network that ends in a softmax). Attacks need log-probabilities;
 * users need probabilities.
 */
public enum NetworkOutput {
    LOGITS("logits"),
    PROBABILITIES("probabilities");

    private final String id;

    NetworkOutput(String id) {
        this.id = id;
    }

    /** The descriptor's spelling. */
    public String id() {
        return id;
    }

    /** Parses the descriptor's spelling. */
    public static NetworkOutput of(String id) {
        for (NetworkOutput output : values()) {
            if (output.id.equals(id)) {
                return output;
            }
        }
        throw new IllegalArgumentException("outputs must be 'logits' or 'probabilities', not '" + id + "'");
    }

    /** Log-probabilities per row of a batch of outputs (differentiable). */
    NDArray logProbabilities(NDArray outputs) {
        return this == LOGITS ? outputs.logSoftmax(1) : outputs.log();
    }

    /**
     * Class scores per row (differentiable): the logits, or for probabilities their logarithms, which differ
     * from the network's logits by one constant per row, so margins between classes are the same.
     */
    NDArray logits(NDArray outputs) {
        return this == LOGITS ? outputs : outputs.log();
    }

    /** Probabilities per row of a batch of outputs. */
    NDArray probabilities(NDArray outputs) {
        return this == LOGITS ? outputs.softmax(1) : outputs;
    }

    /** Probabilities from one row of outputs, in place: a numerically stable softmax for logits. */
    float[] probabilities(float[] row) {
        if (this == PROBABILITIES) {
            return row;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < row.length; c++) {
            row[c] = (float) Math.exp(row[c] - max);
            sum += row[c];
        }
        for (int c = 0; c < row.length; c++) {
            row[c] /= (float) sum;
        }
        return row;
    }
}
