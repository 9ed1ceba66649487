package org.cyberhealth.assess.defence;

import org.cyberhealth.ml.model.InputSpec;

/**
 * A deterministic input transformation put in front of a classifier to wash out adversarial perturbations. It maps
 * an image in the model's value range to another image in that range and never modifies its input.
 */
public interface Preprocessor {

    float[] apply(float[] image, InputSpec input);

    /** A short description with the settings, e.g. "bit depth 4". */
    String describe();

    /** This transformation, then {@code next}. */
    default Preprocessor then(Preprocessor next) {
        Preprocessor first = this;
        return new Preprocessor() {
            @Override
            public float[] apply(float[] image, InputSpec input) {
                return next.apply(first.apply(image, input), input);
            }

            @Override
            public String describe() {
                return first.describe() + ", then " + next.describe();
            }
        };
    }
}
