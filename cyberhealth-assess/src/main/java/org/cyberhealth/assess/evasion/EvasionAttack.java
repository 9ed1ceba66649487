package org.cyberhealth.assess.evasion;

import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * An untargeted evasion attack: for each image, a nearby image (in the model's valid range) that the model
 * should label wrongly. The inputs are never modified. White-box attacks use the model's gradients;
 * black-box ones receive the same model but call only {@code predict} (score-based) or only
 * {@code predictLabels} (decision-based), which their tests enforce with a model that refuses the rest.
 */
public interface EvasionAttack {

    /** Adversarial versions of {@code images}, whose true classes are {@code labels}. */
    float[][] generate(WhiteBoxClassifier model, float[][] images, int[] labels);

    Norm norm();

    double eps();

    /**
     * True when every result lies within {@link #eps()} (FGSM, PGD, APGD, Square). False for the
     * minimum-norm attacks (Carlini-Wagner, HopSkipJump), which search for the smallest perturbation that
     * flips the label whatever its size: their eps only scores the result, an image counting as fooled
     * when its perturbation is within eps.
     */
    default boolean budgeted() {
        return true;
    }

    /**
     * True for the black-box attacks (Square, HopSkipJump), which only query the model: they also run on
     * models that give no gradient (ONNX graphs, remote endpoints).
     */
    default boolean queriesOnly() {
        return false;
    }

    /** A short description with the settings, e.g. "PGD L-inf eps 0.0314, 50 steps of 0.00157, 1 restart". */
    String describe();
}
