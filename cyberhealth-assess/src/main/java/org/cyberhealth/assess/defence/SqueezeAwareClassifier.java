package org.cyberhealth.assess.defence;

import java.util.List;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The model as the adaptive attacker of a {@link SqueezingDetector} sees it (He, Wei, Chen, Carlini, Song, "Adversarial
 * Example Defenses: Ensembles of Weak Defenses are not Strong", USENIX WOOT 2017, who bypassed feature squeezing this way;
 * Carlini and Wagner, AISec 2017, for detectors in general): the loss is the sum of the model's cross-entropy on the image
 * and on every squeezed copy, so an attack that raises it makes all the predictions wrong together, and the detector,
 * which looks for disagreement between them, has less to see. The squeezers' backward passes are the identity (BPDA,
 * Athalye et al. 2018). Predictions are the bare model's: the attack's success is judged on what the service answers.
 */
public final class SqueezeAwareClassifier implements WhiteBoxClassifier {

    private final WhiteBoxClassifier model;
    private final List<PreprocessedClassifier> squeezed;

    public SqueezeAwareClassifier(WhiteBoxClassifier model, List<Preprocessor> squeezers) {
        this.model = model;
        this.squeezed = squeezers.stream().map(s -> new PreprocessedClassifier(model, s)).toList();
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
        return model.predict(batch);
    }

    @Override
    public LossGradient lossGradient(float[][] batch, int[] labels) {
        LossGradient total = model.lossGradient(batch, labels);
        for (PreprocessedClassifier view : squeezed) {
            LossGradient part = view.lossGradient(batch, labels);
            for (int i = 0; i < batch.length; i++) {
                total.loss()[i] += part.loss()[i];
                for (int p = 0; p < batch[i].length; p++) {
                    total.gradient()[i][p] += part.gradient()[i][p];
                }
            }
        }
        return total;
    }

    @Override
    public MarginGradient marginGradient(float[][] batch, int[] labels) {
        MarginGradient total = model.marginGradient(batch, labels);
        for (PreprocessedClassifier view : squeezed) {
            MarginGradient part = view.marginGradient(batch, labels);
            for (int i = 0; i < batch.length; i++) {
                total.margin()[i] += part.margin()[i];
                for (int p = 0; p < batch[i].length; p++) {
                    total.gradient()[i][p] += part.gradient()[i][p];
                }
            }
        }
        return total;
    }
}
