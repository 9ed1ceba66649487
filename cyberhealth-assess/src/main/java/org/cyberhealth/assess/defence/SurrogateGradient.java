package org.cyberhealth.assess.defence;

import java.util.List;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * A defended classifier whose gradients an attacker takes from another model, the surrogate: predictions are the
 * defended model's, {@link #lossGradient} and {@link #marginGradient} are the surrogate's. With the bare network as surrogate this is the naive
 * attack on a preprocessing defence (the attacker ignores the defence), which is what most defence papers reported
 * and Athalye et al. (ICML 2018) showed to overstate robustness; compare with {@link PreprocessedClassifier} (BPDA).
 * Evaluated with {@code EvasionEvaluation}, accuracy is the defended model's, before and after the attack.
 */
public final class SurrogateGradient implements WhiteBoxClassifier {

    private final Classifier defended;
    private final WhiteBoxClassifier surrogate;

    public SurrogateGradient(Classifier defended, WhiteBoxClassifier surrogate) {
        if (!defended.input().equals(surrogate.input()) || !defended.classes().equals(surrogate.classes())) {
            throw new IllegalArgumentException("the surrogate must take the same input and classes as the defended model");
        }
        this.defended = defended;
        this.surrogate = surrogate;
    }

    @Override
    public InputSpec input() {
        return defended.input();
    }

    @Override
    public List<String> classes() {
        return defended.classes();
    }

    @Override
    public float[][] predict(float[][] batch) {
        return defended.predict(batch);
    }

    @Override
    public LossGradient lossGradient(float[][] batch, int[] labels) {
        return surrogate.lossGradient(batch, labels);
    }

    @Override
    public MarginGradient marginGradient(float[][] batch, int[] labels) {
        return surrogate.marginGradient(batch, labels);
    }
}
