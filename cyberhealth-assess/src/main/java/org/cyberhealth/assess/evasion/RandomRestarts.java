package org.cyberhealth.assess.evasion;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The restart scheme PGD (Madry et al. 2018) and APGD (Croce and Hein 2020) share: each restart draws a
 * random start in the eps-ball for every image not fooled yet and runs the attack from there; each image
 * keeps its most damaging result (misclassified first, then the highest loss). Images already fooled are
 * not attacked again, so restarts cost little once most images are.
 */
final class RandomRestarts {

    /** One run of an attack from given starting points; returns the point each image reached. */
    @FunctionalInterface
    interface Run {
        float[][] from(float[][] images, int[] labels, float[][] starts);
    }

    private RandomRestarts() {}

    static float[][] mostDamaging(WhiteBoxClassifier model, float[][] images, int[] labels, Norm norm, double eps, int restarts, long seed,
                                  Run run) {
        float[][] best = new float[images.length][];
        double[] bestLoss = new double[images.length];
        boolean[] fooled = new boolean[images.length];
        for (int i = 0; i < images.length; i++) {
            best[i] = images[i].clone();
            bestLoss[i] = Double.NEGATIVE_INFINITY;
        }
        if (eps == 0) {
            return best;
        }
        Random random = new Random(seed);
        for (int restart = 0; restart < restarts; restart++) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < images.length; i++) {
                if (!fooled[i]) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            float[][] x = new float[open.size()][];
            int[] y = new int[open.size()];
            float[][] starts = new float[open.size()][];
            for (int k = 0; k < x.length; k++) {
                x[k] = images[open.get(k)];
                y[k] = labels[open.get(k)];
                starts[k] = norm.randomStart(x[k], eps, model.input(), random);
            }
            float[][] found = run.from(x, y, starts);
            float[][] p = model.predict(found);
            for (int k = 0; k < x.length; k++) {
                int i = open.get(k);
                boolean wrong = Scores.argmax(p[k]) != y[k];
                double loss = -Math.log(Math.max(p[k][y[k]], Float.MIN_VALUE));
                if ((wrong && !fooled[i]) || (wrong == fooled[i] && loss > bestLoss[i])) {
                    best[i] = found[k];
                    bestLoss[i] = loss;
                    fooled[i] = wrong;
                }
            }
        }
        return best;
    }
}
