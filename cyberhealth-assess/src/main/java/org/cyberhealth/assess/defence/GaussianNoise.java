package org.cyberhealth.assess.defence;

import java.util.Random;
import org.cyberhealth.ml.model.InputSpec;

/**
 * Isotropic Gaussian noise, clipped to the value range. The clip keeps the smoothing certificate valid: the
 * base classifier f(clip(z)) is just another deterministic function of z = x + noise, and Cohen et al.'s theorem
 * holds for any base classifier.
 */
final class GaussianNoise {

    private GaussianNoise() {}

    static float[] add(float[] image, double sigma, InputSpec input, Random random) {
        float[] out = new float[image.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = (float) (image[p] + sigma * random.nextGaussian());
        }
        input.clip(out);
        return out;
    }
}
