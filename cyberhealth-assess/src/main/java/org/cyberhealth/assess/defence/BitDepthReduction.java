package org.cyberhealth.assess.defence;

import org.cyberhealth.ml.model.InputSpec;

/**
 * Colour bit-depth reduction, the first squeezer of feature squeezing (Xu, Evans and Qi, "Feature squeezing:
 * detecting adversarial examples in deep neural networks", NDSS 2018): each value is rounded to the nearest of
 * 2^bits evenly spaced levels of the range, so perturbations smaller than half a level vanish.
 */
public final class BitDepthReduction implements Preprocessor {

    private final int bits;

    public BitDepthReduction(int bits) {
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bits must be 1 to 16");
        }
        this.bits = bits;
    }

    @Override
    public float[] apply(float[] image, InputSpec input) {
        double levels = (1 << bits) - 1;
        double span = input.upper() - input.lower();
        float[] out = new float[image.length];
        for (int i = 0; i < out.length; i++) {
            double unit = (image[i] - input.lower()) / span;
            out[i] = (float) (input.lower() + span * Math.rint(unit * levels) / levels);
        }
        input.clip(out);
        return out;
    }

    @Override
    public String describe() {
        return "bit depth " + bits;
    }
}
