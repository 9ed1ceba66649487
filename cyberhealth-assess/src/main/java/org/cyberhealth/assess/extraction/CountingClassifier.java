package org.cyberhealth.assess.extraction;

import java.util.List;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.InputSpec;

/**
 * The victim as an extraction attack sees it: probabilities only, every image queried counted, so that a
 * budget is a fact measured at the victim's door rather than a number the attack reports about itself.
 */
public final class CountingClassifier implements Classifier {

    private final Classifier victim;
    private final IntConsumer answered;
    private long queries;

    /** {@code answered} hears the size of every batch answered (a progress bar). */
    public CountingClassifier(Classifier victim, IntConsumer answered) {
        this.victim = victim;
        this.answered = answered;
    }

    @Override
    public InputSpec input() {
        return victim.input();
    }

    @Override
    public List<String> classes() {
        return victim.classes();
    }

    @Override
    public float[][] predict(float[][] batch) {
        float[][] answers = victim.predict(batch);
        queries += batch.length;
        answered.accept(batch.length);
        return answers;
    }

    /** Images answered so far. */
    public long queries() {
        return queries;
    }
}
