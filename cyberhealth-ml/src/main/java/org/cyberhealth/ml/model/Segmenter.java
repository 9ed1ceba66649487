package org.cyberhealth.ml.model;

import java.util.List;

/**
 * What every attack on a segmentation model sees (black box): a batch of images in the natural value range
 * of {@link #input()} in, per-pixel class probabilities out. Class 0 is the background. Close a segmenter
 * when done: a loaded model holds native memory.
 */
public interface Segmenter extends AutoCloseable {

    InputSpec input();

    /** The class names, background first, in the order of the probabilities. */
    List<String> classes();

    /**
     * For each image, the probability of every class at every pixel, class by class: {@code p[i][c * pixels
     * + pixel]} with pixels row by row ({@code pixels = height x width}).
     */
    float[][] predict(float[][] batch);

    @Override
    default void close() {
    }

    /** The most probable class at every pixel of each image (row by row). */
    default int[][] predictMasks(float[][] batch) {
        float[][] p = predict(batch);
        int pixels = input().height() * input().width();
        int classes = classes().size();
        int[][] masks = new int[p.length][pixels];
        for (int i = 0; i < p.length; i++) {
            for (int q = 0; q < pixels; q++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (p[i][c * pixels + q] > p[i][best * pixels + q]) {
                        best = c;
                    }
                }
                masks[i][q] = best;
            }
        }
        return masks;
    }
}
