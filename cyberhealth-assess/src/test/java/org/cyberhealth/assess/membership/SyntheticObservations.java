package org.cyberhealth.assess.membership;

import java.util.Random;

/**
 * Observations built from chosen phi values (label 1 of two classes, p = sigmoid(phi)), so the attacks'
 * arithmetic can be checked by hand and their power measured without training anything.
 */
final class SyntheticObservations {

    private SyntheticObservations() {}

    static float[] probabilities(double phi) {
        double p = 1 / (1 + Math.exp(-phi));
        return new float[] {(float) (1 - p), (float) p};
    }

    /** {@code shadowPhi[shadow][sample]} with {@code in[shadow][sample]}; the target's phi per sample. */
    static Observations of(double[] targetPhi, double[][] shadowPhi, boolean[][] in) {
        int n = targetPhi.length;
        int[] labels = new int[n];
        float[][] target = new float[n][];
        float[][][] shadows = new float[shadowPhi.length][n][];
        for (int i = 0; i < n; i++) {
            labels[i] = 1;
            target[i] = probabilities(targetPhi[i]);
            for (int s = 0; s < shadowPhi.length; s++) {
                shadows[s][i] = probabilities(shadowPhi[s][i]);
            }
        }
        return new Observations(labels, target, shadows, in);
    }

    /** A game with hard and easy samples: phi = hardness (N(1, 3^2)) + effect when trained on + N(0, 1) noise. */
    record Game(Observations seen, boolean[] members) {}

    static Game game(int n, int shadowCount, double effect, long seed) {
        Random random = new Random(seed);
        double[] hardness = new double[n];
        boolean[] members = new boolean[n];
        double[] target = new double[n];
        double[][] shadows = new double[shadowCount][n];
        boolean[][] in = new boolean[shadowCount][n];
        for (int i = 0; i < n; i++) {
            hardness[i] = 1 + 3 * random.nextGaussian();
            members[i] = i % 2 == 0;
            target[i] = hardness[i] + (members[i] ? effect : 0) + random.nextGaussian();
            for (int s = 0; s < shadowCount; s++) {
                in[s][i] = (s + i) % 2 == 0;
                shadows[s][i] = hardness[i] + (in[s][i] ? effect : 0) + random.nextGaussian();
            }
        }
        return new Game(of(target, shadows, in), members);
    }
}
