package org.cyberhealth.ml.model;

import java.util.List;

/**
 * A query-only model (ONNX, a remote endpoint) seen through the white-box interface, for attacks that
 * take that interface but only ever query (Square, HopSkipJump): asking it for a gradient is a programming
 * error, said as such, never a silent zero.
 */
public final class QueryOnlyClassifier implements WhiteBoxClassifier {

    private final Classifier model;

    private QueryOnlyClassifier(Classifier model) {
        this.model = model;
    }

    /** {@code model} itself when it is white box, else a query-only view of it (closing the view closes the model). */
    public static WhiteBoxClassifier of(Classifier model) {
        return model instanceof WhiteBoxClassifier whiteBox ? whiteBox : new QueryOnlyClassifier(model);
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
        throw new UnsupportedOperationException("this model answers queries only: no gradient");
    }

    @Override
    public MarginGradient marginGradient(float[][] batch, int[] labels) {
        throw new UnsupportedOperationException("this model answers queries only: no gradient");
    }

    @Override
    public void close() {
        model.close();
    }
}
