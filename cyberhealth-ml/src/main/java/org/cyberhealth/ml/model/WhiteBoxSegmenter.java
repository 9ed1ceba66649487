package org.cyberhealth.ml.model;

/** A segmenter whose pixel loss can be differentiated with respect to its input: what white-box attacks need. */
public interface WhiteBoxSegmenter extends Segmenter {

    /**
     * Per image, the pixel cross-entropy against {@code targets} (a class per pixel, row by row), each pixel's
     * term multiplied by its weight in {@code weights} (all 1 when {@code weights} is null) and the sum divided
     * by the number of pixels; and the gradient of that loss with respect to the image in the natural range.
     * A targeted attack descends it towards an adversarial target mask, an untargeted one ascends it against
     * the true mask; weights restrict or stress a region.
     */
    LossGradient lossGradient(float[][] batch, int[][] targets, float[][] weights);

    /** Per image: {@code loss[i]} and {@code gradient[i]} (same layout as the image). */
    record LossGradient(float[] loss, float[][] gradient) {}
}
