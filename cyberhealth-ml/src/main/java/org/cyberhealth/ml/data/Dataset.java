package org.cyberhealth.ml.data;

import java.util.Arrays;
import java.util.List;

/**
 * Samples as rows of numbers with one target each: a class index for classification ({@code classes}
 * names the classes), a real value for regression ({@code classes} empty). Images are flattened row by
 * row, channel by channel; {@code shape} keeps their channels, height and width ({1, n} for tables).
 */
public record Dataset(String name, double[][] features, double[] targets, int[] shape, List<String> classes) {

    public Dataset {
        if (features.length != targets.length) {
            throw new IllegalArgumentException(features.length + " samples but " + targets.length + " targets");
        }
        int width = shape.length == 3 ? shape[0] * shape[1] * shape[2] : shape[shape.length - 1];
        for (double[] row : features) {
            if (row.length != width) {
                throw new IllegalArgumentException("every sample of " + name + " needs " + width + " values");
            }
        }
        classes = List.copyOf(classes);
    }

    public int size() {
        return features.length;
    }

    public int width() {
        return features.length == 0 ? 0 : features[0].length;
    }

    public boolean isClassification() {
        return !classes.isEmpty();
    }

    /** The samples at the given positions, in that order. */
    public Dataset select(int[] positions, String part) {
        double[][] x = new double[positions.length][];
        double[] y = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            x[i] = features[positions[i]];
            y[i] = targets[positions[i]];
        }
        return new Dataset(name + " (" + part + ")", x, y, shape, classes);
    }

    /** These samples followed by {@code other}'s, under {@code name}: both must have the same shape and classes. */
    public Dataset concat(Dataset other, String name) {
        if (!Arrays.equals(shape, other.shape) || !classes.equals(other.classes)) {
            throw new IllegalArgumentException(this.name + " and " + other.name + " differ in shape or classes");
        }
        double[][] x = Arrays.copyOf(features, size() + other.size());
        double[] y = Arrays.copyOf(targets, size() + other.size());
        System.arraycopy(other.features, 0, x, size(), other.size());
        System.arraycopy(other.targets, 0, y, size(), other.size());
        return new Dataset(name, x, y, shape, classes);
    }
}
