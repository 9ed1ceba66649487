package org.cyberhealth.he.nn;

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
