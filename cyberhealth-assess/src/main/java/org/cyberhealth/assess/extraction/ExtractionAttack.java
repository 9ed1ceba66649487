package org.cyberhealth.assess.extraction;

import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.DjlClassifier;

/** A query-based copying attack: at most {@code budget} images sent to the victim, a trained copy back. */
public interface ExtractionAttack {

    String name();

    /** One line: the attack's settings. */
    String describe();

    /** Queries {@code victim} at most {@code budget} times (images, not batches) and returns the copy. */
    DjlClassifier steal(Classifier victim, int budget, CopyTrainer trainer, long seed);
}
