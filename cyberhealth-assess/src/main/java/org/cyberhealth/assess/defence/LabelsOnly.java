package org.cyberhealth.assess.defence;

/** The label alone, as a one-hot row (Tramer et al. 2016, section 8: "prediction API minimization"). */
public final class LabelsOnly implements OutputPostProcessing {

    @Override
    public float[] apply(float[] probabilities, float[] image) {
        float[] out = new float[probabilities.length];
        out[OutputPostProcessing.top(probabilities)] = 1;
        return out;
    }

    @Override
    public String describe() {
        return "labels only";
    }
}
