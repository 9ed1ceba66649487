package org.cyberhealth.assess.defence;

import java.util.List;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * A classifier behind an input transformation: {@code predict(x) = model.predict(t(x))}. Its {@link #lossGradient}
 * is the Backward Pass Differentiable Approximation of Athalye, Carlini and Wagner ("Obfuscated gradients give a
 * false sense of security", ICML 2018): the transformation is not differentiable (rounding, medians, JPEG), so the
 * backward pass treats it as the identity, t(x) ~ x, and returns the model's gradient at t(x). Any white-box attack
 * run on this classifier is then the adaptive attack on the defended model, with no change to the attack.
 */
public final class PreprocessedClassifier implements WhiteBoxClassifier {

    private final WhiteBoxClassifier model;
    private final Preprocessor preprocessor;

    public PreprocessedClassifier(WhiteBoxClassifier model, Preprocessor preprocessor) {
        this.model = model;
        this.preprocessor = preprocessor;
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    @Override
    public InputSpec input() {
        return model.input();
    }

    @Override
    public List<String> classes() {
        return model.classes();
    }

    @Override
    public float[][] predict(float[][] batch) {
        return model.predict(transform(batch));
    }

    /** The loss at t(x) and, by BPDA, the model's gradient there as the gradient at x. */
    @Override
    public LossGradient lossGradient(float[][] batch, int[] labels) {
        return model.lossGradient(transform(batch), labels);
    }

    /** The logit margin at t(x) and, by BPDA, its gradient there. */
    @Override
    public MarginGradient marginGradient(float[][] batch, int[] labels) {
        return model.marginGradient(transform(batch), labels);
    }

    private float[][] transform(float[][] batch) {
        model.input().check(batch);
        float[][] out = new float[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            out[i] = preprocessor.apply(batch[i], model.input());
        }
        return out;
    }
}
