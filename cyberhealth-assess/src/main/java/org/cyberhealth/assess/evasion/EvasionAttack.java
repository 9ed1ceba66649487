package org.cyberhealth.assess.evasion;

import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * An untargeted white-box evasion attack: for each image, a nearby image (within the attack's budget, in
 * the model's valid range) that the model should label wrongly. The inputs are never modified.
 */
public interface EvasionAttack {

    /** Adversarial versions of {@code images}, whose true classes are {@code labels}. */
    float[][] generate(WhiteBoxClassifier model, float[][] images, int[] labels);

    Norm norm();

    double eps();

    /** A short description with the settings, e.g. "PGD L-inf eps 0.0314, 50 steps of 0.00157, 1 restart". */
    String describe();
}
