package org.cyberhealth.assess.extraction;

import java.util.SplittableRandom;
import org.cyberhealth.ml.model.InputSpec;

/**
 * The attacker's augmentation, to reach budgets larger than its pool of natural images: a horizontal flip
 * with probability 1/2, a shift of up to {@code maxShift} pixels along each axis (edge pixels repeated into
 * the gap), and Gaussian noise of deviation {@code noise}, then a clip to the value range.
 */
public record Augmentation(int maxShift, double noise) {

    public Augmentation {
        if (maxShift < 0 || !(noise >= 0)) {
            throw new IllegalArgumentException("shift and noise must be at least 0");
        }
    }

    /** A new, augmented image; {@code image} is left as it is. */
    public float[] apply(float[] image, InputSpec input, SplittableRandom random) {
        int h = input.height();
        int w = input.width();
        boolean flip = random.nextBoolean();
        int dy = random.nextInt(-maxShift, maxShift + 1);
        int dx = random.nextInt(-maxShift, maxShift + 1);
        float[] out = new float[image.length];
        for (int c = 0; c < input.channels(); c++) {
            for (int y = 0; y < h; y++) {
                int sy = Math.min(h - 1, Math.max(0, y - dy));
                for (int x = 0; x < w; x++) {
                    int sx = Math.min(w - 1, Math.max(0, x - dx));
                    if (flip) {
                        sx = w - 1 - sx;
                    }
                    double value = image[(c * h + sy) * w + sx] + noise * gaussian(random);
                    out[(c * h + y) * w + x] = (float) value;
                }
            }
        }
        input.clip(out);
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    public String describe() {
        return "horizontal flip (p 1/2), shift up to " + maxShift + " px per axis, Gaussian noise sd " + noise;
    }
}
