package org.cyberhealth.assess.evasion;

import java.util.List;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The model as an attack sees it during an evaluation, counting the images it answers and the input
 * gradients it computes: a query budget is then measured at the model, not reported by the attack.
 */
final class CountingModel implements WhiteBoxClassifier {

    private final WhiteBoxClassifier model;
    private long predictions;
    private long gradients;

    CountingModel(WhiteBoxClassifier model) {
        this.model = model;
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
        predictions += batch.length;
        return model.predict(batch);
    }

    @Override
    public LossGradient lossGradient(float[][] batch, int[] labels) {
        gradients += batch.length;
        return model.lossGradient(batch, labels);
    }

    @Override
    public MarginGradient marginGradient(float[][] batch, int[] labels) {
        gradients += batch.length;
        return model.marginGradient(batch, labels);
    }

    long predictions() {
        return predictions;
    }

    long gradients() {
        return gradients;
    }
}
