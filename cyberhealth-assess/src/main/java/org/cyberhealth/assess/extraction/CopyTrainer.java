package org.cyberhealth.assess.extraction;

import org.cyberhealth.ml.model.DjlClassifier;

/** How the attacker trains its copy: a layout and a recipe, fitted on queried images and the victim's answers. */
@FunctionalInterface
public interface CopyTrainer {

    /** A copy fitted on {@code images} (the victim's natural range) against {@code targets} (one distribution per image). */
    DjlClassifier train(float[][] images, float[][] targets, long seed);
}
