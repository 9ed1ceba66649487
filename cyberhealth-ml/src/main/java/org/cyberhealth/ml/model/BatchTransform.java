package org.cyberhealth.ml.model;

/**
 * What a training loop feeds the network instead of each mini-batch: adversarial examples against the model being
 * trained (adversarial training) or noisy copies (training for randomised smoothing). Images are in the declared
 * natural range, never normalised, so a budget such as 8/255 means grey levels.
 */
public interface BatchTransform {

    /** No change: ordinary training. */
    BatchTransform NONE = new BatchTransform() {
        @Override
        public float[][] apply(WhiteBoxClassifier current, float[][] images, int[] labels) {
            return images;
        }

        @Override
        public String describe() {
            return "clean inputs";
        }
    };

    /**
     * The images to train on in place of {@code images} (same count and order, inside the value range);
     * {@code current} is the network as trained so far (its gradients with respect to the input only).
     */
    float[][] apply(WhiteBoxClassifier current, float[][] images, int[] labels);

    /** The settings, for the model's recorded recipe. */
    String describe();
}
