package org.cyberhealth.assess.defence;

import java.util.Random;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.ml.model.BatchTransform;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.TrainingInputs;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The training-time defences, as the mini-batch replacements that module ml's training loop applies:
 * <ul>
 *   <li>adversarial training (Madry, Makelov, Schmidt, Tsipras and Vladu, "Towards deep learning models resistant to
 *   adversarial attacks", ICLR 2018): the min-max objective, approximated by training only on PGD L-inf examples
 *   crafted against the network as it stands, each batch from a fresh random start;</li>
 *   <li>Gaussian data augmentation (Cohen, Rosenfeld and Kolter, "Certified adversarial robustness via randomized
 *   smoothing", ICML 2019): the base classifier of {@link RandomisedSmoothing} learns on x + N(0, sigma^2 I), clipped
 *   to the range as the smoothed classifier's own samples are.</li>
 * </ul>
 */
public final class TrainingTransforms {

    private TrainingTransforms() {}

    /** The transform that {@code inputs} declares; {@code seed} fixes its randomness (PGD's starts, the noise). */
    public static BatchTransform of(TrainingInputs inputs, long seed) {
        return switch (inputs.kind()) {
            case CLEAN -> BatchTransform.NONE;
            case PGD_LINF -> adversarial(inputs, seed);
            case GAUSSIAN_NOISE -> noise(inputs, seed);
        };
    }

    private static BatchTransform adversarial(TrainingInputs inputs, long seed) {
        Random seeds = new Random(seed);
        return new BatchTransform() {
            @Override
            public float[][] apply(WhiteBoxClassifier current, float[][] images, int[] labels) {
                return Pgd.of(Norm.LINF, inputs.strength(), inputs.steps(), 1, seeds.nextLong()).generate(current, images, labels);
            }

            @Override
            public String describe() {
                return inputs.describe();
            }
        };
    }

    private static BatchTransform noise(TrainingInputs inputs, long seed) {
        Random random = new Random(seed);
        return new BatchTransform() {
            @Override
            public float[][] apply(WhiteBoxClassifier current, float[][] images, int[] labels) {
                InputSpec spec = current.input();
                float[][] out = new float[images.length][];
                for (int i = 0; i < images.length; i++) {
                    out[i] = GaussianNoise.add(images[i], inputs.strength(), spec, random);
                }
                return out;
            }

            @Override
            public String describe() {
                return inputs.describe();
            }
        };
    }
}
