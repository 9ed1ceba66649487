package org.cyberhealth.ml.model;

/** A classifier whose loss can be differentiated with respect to its input: what white-box attacks need. */
public interface WhiteBoxClassifier extends Classifier {

    /**
     * The cross-entropy loss of each image against its label, and the gradient of that loss with respect
     * to the image in the natural value range (through the model's normalisation).
     */
    LossGradient lossGradient(float[][] batch, int[] labels);

    /** Per image: {@code loss[i]} and {@code gradient[i]} (same layout as the image). */
    record LossGradient(float[] loss, float[][] gradient) {}
}
