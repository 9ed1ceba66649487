package org.cyberhealth.assess.evasion.segmentation;

/**
 * The adversarial masks of the targeted attacks, built from the true mask of a slice (classes row by row,
 * 0 the background). A target pixel is one whose target class differs from its true class: the pixels the
 * attack must flip, and on which its success is counted.
 */
public final class TargetMasks {

    private TargetMasks() {}

    /** Erase: every pixel of {@code organ} becomes background; the rest stays as it is. */
    public static int[] erase(int[] truth, int organ) {
        int[] target = truth.clone();
        for (int q = 0; q < target.length; q++) {
            if (target[q] == organ) {
                target[q] = 0;
            }
        }
        return target;
    }

    /**
     * Inject: the background pixels of a disc of {@code radius} pixels at the image centre become {@code
     * organ} (a fake organ or lesion where the abdomen holds bowel, vessels or fat; organs already there are
     * left alone, so the attack adds and never relabels).
     */
    public static int[] inject(int[] truth, int organ, int height, int width, int radius) {
        int[] target = truth.clone();
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int q = row * width + col;
                if (target[q] == 0 && (row - cy) * (row - cy) + (col - cx) * (col - cx) <= (double) radius * radius) {
                    target[q] = organ;
                }
            }
        }
        return target;
    }

    /** The target mask of {@code goal} for one slice ({@code truth} itself when untargeted). */
    static int[] of(Goal goal, int[] truth, int organ, int height, int width, int radius) {
        return switch (goal) {
            case UNTARGETED -> truth.clone();
            case ERASE -> erase(truth, organ);
            case INJECT -> inject(truth, organ, height, width, radius);
        };
    }
}
