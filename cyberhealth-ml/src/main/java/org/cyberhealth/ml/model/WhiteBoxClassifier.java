package org.cyberhealth.ml.model;

/** A classifier whose loss can be differentiated with respect to its input: what white-box attacks need. */
public interface WhiteBoxClassifier extends Classifier {

    /**
     * The cross-entropy loss of each image against its label, and the gradient of that loss with respect
     * to the image in the natural value range (through the model's normalisation).
     */
    LossGradient lossGradient(float[][] batch, int[] labels);

    /**
     * The logit margin of each image, z_label - max over the other classes of z_c (positive: labelled
     * right), and its gradient with respect to the image in the natural value range. Where two other
     * classes tie for the maximum, the gradient follows one of them. Attacks that work on logits rather
     * than on the cross-entropy (Carlini and Wagner's f6) need it: softmax saturates, logits do not.
     */
    MarginGradient marginGradient(float[][] batch, int[] labels);

    /** Per image: {@code loss[i]} and {@code gradient[i]} (same layout as the image). */
    record LossGradient(float[] loss, float[][] gradient) {}

    /** Per image: {@code margin[i]} and {@code gradient[i]} (same layout as the image). */
    record MarginGradient(float[] margin, float[][] gradient) {}
}
