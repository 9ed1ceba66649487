package org.cyberhealth.assess.extraction;

import java.util.List;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.ReferenceClassifier;

/**
 * A copy with a reference classifier's layout and Adam settings, trained for {@code epochs} on the transfer
 * set with the soft-label cross-entropy; its pixel normalisation is fitted on the queried images, which is
 * all the attacker has.
 */
public record ReferenceCopyTrainer(ReferenceClassifier reference, int height, int width, List<String> classes, int epochs)
        implements CopyTrainer {

    public ReferenceCopyTrainer {
        if (epochs < 1) {
            throw new IllegalArgumentException("at least one epoch");
        }
        classes = List.copyOf(classes);
    }

    @Override
    public DjlClassifier train(float[][] images, float[][] targets, long seed) {
        return ClassifierTraining.fitSoft(reference, height, width, images, targets, epochs, seed, epoch -> {}).load(reference, classes);
    }

    public String describe() {
        return reference.architecture() + " (the victim's layout), Adam lr " + reference.learningRate() + ", batch " + reference.batchSize()
                + ", " + epochs + " epochs on the transfer set";
    }
}
