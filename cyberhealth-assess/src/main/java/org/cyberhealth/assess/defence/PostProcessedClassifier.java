package org.cyberhealth.assess.defence;

import java.util.List;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.InputSpec;

/** A black-box classifier whose answers pass through an {@link OutputPostProcessing}: what a defended prediction service releases. */
public final class PostProcessedClassifier implements Classifier {

    private final Classifier model;
    private final OutputPostProcessing processing;

    public PostProcessedClassifier(Classifier model, OutputPostProcessing processing) {
        this.model = model;
        this.processing = processing;
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
        float[][] p = model.predict(batch);
        float[][] out = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = processing.apply(p[i], batch[i]);
        }
        return out;
    }
}
