package org.cyberhealth.assess.membership;

import java.util.Random;
import org.cyberhealth.ml.data.Dataset;

/**
 * The data-augmentation label-only membership attack of Choquette-Choo, Tramer, Carlini and Papernot
 * ("Label-Only Membership Inference Attacks", ICML 2021): a model that trained on an image tends to keep its
 * label under small changes of it, so the attacker queries the image and its augmentations (a horizontal
 * flip and shifts of 1 and 2 pixels in each direction) and scores membership by how many of those answers are
 * the true label. It needs labels only, so it is the adaptive attack on a service that releases labels only
 * (output post-processing), where the loss and LiRA see nothing but one-hot rows.
 *
 * <p>Played on the same target as {@link MembershipExperiment#run} with the same seed: the same random half of
 * the population as members and the same training seed.
 */
public final class LabelOnlyAugmentation {

    /** The queries per image: the image itself, its mirror, and shifts by 1 and 2 pixels up, down, left and right. */
    public static final int QUERIES = 10;
    private static final int[][] SHIFTS = {{0, 1}, {0, -1}, {1, 0}, {-1, 0}, {0, 2}, {0, -2}, {2, 0}, {-2, 0}};

    private LabelOnlyAugmentation() {}

    /** The ROC of the attack's scores (the share of a sample's queries answered with its true label). */
    public static Roc run(Dataset population, ModelRecipe recipe, long seed) {
        int[] shape = population.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("the augmentation attack needs images (channels x height x width)");
        }
        int n = population.size();
        Random random = new Random(seed);
        boolean[] members = MembershipExperiment.half(n, random);
        double[][] queries = new double[n * QUERIES][];
        double[] targets = new double[n * QUERIES];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < QUERIES; q++) {
                queries[q * n + i] = augment(population.features()[i], shape, q);
                targets[q * n + i] = population.targets()[i];
            }
        }
        Dataset asked = new Dataset(population.name() + " (augmented)", queries, targets, shape, population.classes());
        float[][] answers = recipe.trainAndQuery(population.select(MembershipExperiment.positions(members, true), "members"), asked,
                random.nextInt());
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            int label = (int) population.targets()[i];
            int kept = 0;
            for (int q = 0; q < QUERIES; q++) {
                kept += top(answers[q * n + i]) == label ? 1 : 0;
            }
            scores[i] = (double) kept / QUERIES;
        }
        return Roc.of(scores, members);
    }

    /** Query {@code q} of an image: 0 itself, 1 mirrored left to right, 2.. shifted (edges repeated). */
    static double[] augment(double[] image, int[] shape, int q) {
        int channels = shape[0];
        int height = shape[1];
        int width = shape[2];
        double[] out = new double[image.length];
        int dy = q >= 2 ? SHIFTS[q - 2][0] : 0;
        int dx = q >= 2 ? SHIFTS[q - 2][1] : 0;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sy = Math.min(height - 1, Math.max(0, y - dy));
                    int sx = q == 1 ? width - 1 - x : Math.min(width - 1, Math.max(0, x - dx));
                    out[(c * height + y) * width + x] = image[(c * height + sy) * width + sx];
                }
            }
        }
        return out;
    }

    private static int top(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
