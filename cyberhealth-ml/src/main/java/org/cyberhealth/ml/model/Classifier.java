package org.cyberhealth.ml.model;

import java.util.List;

/**
 * The one interface every attack sees (black box): a batch of images in the natural value range of
 * {@link #input()} in, one probability per class out. Implementations apply their own preprocessing.
 * Close a classifier when done: a loaded model holds native memory.
 */
public interface Classifier extends AutoCloseable {

    InputSpec input();

    /** The class names, in the order of the probabilities. */
    List<String> classes();

    /** Class probabilities (rows sum to 1) for each image of {@code batch} (each {@code input().size()} values). */
    float[][] predict(float[][] batch);

    /** Releases what the model holds (native memory, connections); nothing by default. */
    @Override
    default void close() {
    }

    /** The most probable class of each image. */
    default int[] predictLabels(float[][] batch) {
        float[][] p = predict(batch);
        int[] labels = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][labels[i]]) {
                    labels[i] = c;
                }
            }
        }
        return labels;
    }
}
