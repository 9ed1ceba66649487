package org.cyberhealth.he.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A network made only of what CKKS evaluates: affine maps and polynomial activations, sizes chained.
 * {@link #predict} is the plain reference every encrypted result is compared with.
 */
public record HeModel(List<Layer> layers) {

    public HeModel {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputSize() != layers.get(i - 1).outputSize()) {
                throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputSize() + " values but layer " + (i - 1)
                        + " gives " + layers.get(i - 1).outputSize());
            }
        }
    }

    public int inputSize() {
        return layers.get(0).inputSize();
    }

    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /** The widest vector the network handles: it sets the slot block each sample occupies. */
    public int widest() {
        int widest = 0;
        for (Layer layer : layers) {
            widest = Math.max(widest, Math.max(layer.inputSize(), layer.outputSize()));
        }
        return widest;
    }

    /**
     * The same function with one level fewer per quadratic activation between two affine layers:
     * c2 z^2 + c1 z + c0 = c2 (z + h)^2 + k with h = c1 / (2 c2) and k = c0 - c1^2 / (4 c2), so h moves into
     * the bias before, c2 and k into the weights and bias after, and the activation becomes a bare square
     * (one ciphertext product, no constant product that would cost a second rescaling).
     */
    public HeModel withQuadraticsFolded() {
        List<Layer> folded = new ArrayList<>(layers);
        for (int i = 1; i + 1 < folded.size(); i++) {
            if (folded.get(i) instanceof Layer.Polynomial p && p.isQuadratic() && !p.isSquare()
                    && folded.get(i - 1) instanceof Layer.Affine before && folded.get(i + 1) instanceof Layer.Affine after) {
                double[] c = p.coefficients();
                double h = c[1] / (2 * c[2]);
                double k = c[0] - c[1] * c[1] / (4 * c[2]);
                double[] shiftedBias = before.bias().clone();
                for (int r = 0; r < shiftedBias.length; r++) {
                    shiftedBias[r] += h;
                }
                double[][] scaled = new double[after.outputSize()][after.inputSize()];
                double[] bias = after.bias().clone();
                for (int r = 0; r < scaled.length; r++) {
                    for (int col = 0; col < scaled[r].length; col++) {
                        scaled[r][col] = c[2] * after.weights()[r][col];
                        bias[r] += k * after.weights()[r][col];
                    }
                }
                folded.set(i - 1, new Layer.Affine(before.weights(), shiftedBias));
                folded.set(i, new Layer.Polynomial(p.size(), new double[] {0, 0, 1}));
                folded.set(i + 1, new Layer.Affine(scaled, bias));
            }
        }
        return new HeModel(folded);
    }

    public double[] predict(double[] input) {
        if (input.length != inputSize()) {
            throw new IllegalArgumentException("the model takes " + inputSize() + " values, got " + input.length);
        }
        double[] x = input;
        for (Layer layer : layers) {
            x = layer instanceof Layer.Affine affine ? affine(affine, x) : activation((Layer.Polynomial) layer, x);
        }
        return x;
    }

    private static double[] affine(Layer.Affine affine, double[] x) {
        double[] y = affine.bias().clone();
        for (int r = 0; r < y.length; r++) {
            for (int c = 0; c < x.length; c++) {
                y[r] += affine.weights()[r][c] * x[c];
            }
        }
        return y;
    }

    private static double[] activation(Layer.Polynomial polynomial, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = polynomial.apply(x[i]);
        }
        return y;
    }
}
