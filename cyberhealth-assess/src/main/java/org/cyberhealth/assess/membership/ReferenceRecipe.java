package org.cyberhealth.assess.membership;

import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.ReferenceClassifier;

/**
 * A reference classifier's recipe (layout, Adam's settings, batch size) with an epoch count of the
 * experiment's choosing: membership inference needs a model that has fitted its members, and the
 * epochs decide how far it overfits.
 */
public record ReferenceRecipe(ReferenceClassifier reference, int epochs) implements ModelRecipe {

    public ReferenceRecipe {
        if (epochs < 1) {
            throw new IllegalArgumentException("at least one epoch");
        }
    }

    @Override
    public float[][] trainAndQuery(Dataset members, Dataset queries, long seed) {
        ClassifierTraining.Fitted fitted = ClassifierTraining.fit(reference, members, epochs, seed, epoch -> {});
        try (DjlClassifier model = fitted.load(reference, members.classes())) {
            return query(model, queries);
        }
    }

    /** {@code model}'s probabilities for every sample of {@code queries}, in batches of 256. */
    public static float[][] query(Classifier model, Dataset queries) {
        float[][] probabilities = new float[queries.size()][];
        for (int start = 0; start < queries.size(); start += 256) {
            int end = Math.min(queries.size(), start + 256);
            float[][] batch = new float[end - start][];
            for (int i = start; i < end; i++) {
                batch[i - start] = ClassifierTraining.toFloats(queries.features()[i]);
            }
            System.arraycopy(model.predict(batch), 0, probabilities, start, batch.length);
        }
        return probabilities;
    }

    public String describe() {
        return reference.architecture() + ", Adam lr " + reference.learningRate() + ", batch " + reference.batchSize() + ", " + epochs
                + " epochs, one thread";
    }
}
