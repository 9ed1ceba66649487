package org.cyberhealth.assess.evasion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * Runs an evasion attack over labelled images in batches and measures clean and robust accuracy. The
 * attack reaches the model through a counter, so queries and gradients are measured, not reported.
 */
public final class EvasionEvaluation {

    private EvasionEvaluation() {}

    /**
     * Attacks every image of {@code images} (batches of {@code batchSize}); {@code imagesDone} hears the
     * number of images finished so far, for a progress bar. An image counts as fooled when the model labels
     * the attack's output wrongly and, for a minimum-norm attack ({@link EvasionAttack#budgeted()} false),
     * the perturbation is within the attack's eps.
     */
    public static EvasionResult run(WhiteBoxClassifier model, EvasionAttack attack, float[][] images, int[] labels, int batchSize,
                                    IntConsumer imagesDone) {
        if (images.length == 0 || images.length != labels.length || batchSize < 1) {
            throw new IllegalArgumentException("need at least one image, one label per image and a positive batch size");
        }
        model.input().check(images);
        CountingModel counted = new CountingModel(model);
        long started = System.nanoTime();
        int clean = 0;
        int robust = 0;
        int turned = 0;
        double sumLinf = 0;
        double maxLinf = 0;
        double sumL2 = 0;
        double maxL2 = 0;
        List<Double> successfulL2 = new ArrayList<>();
        for (int start = 0; start < images.length; start += batchSize) {
            int end = Math.min(images.length, start + batchSize);
            float[][] x = Arrays.copyOfRange(images, start, end);
            int[] y = Arrays.copyOfRange(labels, start, end);
            int[] before = model.predictLabels(x);
            float[][] adversarial = attack.generate(counted, x, y);
            int[] after = model.predictLabels(adversarial);
            for (int k = 0; k < x.length; k++) {
                double linf = Norm.LINF.distance(x[k], adversarial[k]);
                double l2 = Norm.L2.distance(x[k], adversarial[k]);
                boolean right = before[k] == y[k];
                boolean wrongAfter = after[k] != y[k];
                if (right && wrongAfter) {
                    successfulL2.add(l2);
                }
                boolean fooled = wrongAfter && (attack.budgeted() || attack.norm().distance(x[k], adversarial[k]) <= attack.eps());
                clean += right ? 1 : 0;
                robust += fooled ? 0 : 1;
                turned += right && fooled ? 1 : 0;
                sumLinf += linf;
                sumL2 += l2;
                maxLinf = Math.max(maxLinf, linf);
                maxL2 = Math.max(maxL2, l2);
            }
            imagesDone.accept(end);
        }
        int n = images.length;
        return new EvasionResult(attack.describe(), n, (double) clean / n, (double) robust / n, clean == 0 ? 0 : (double) turned / clean,
                sumLinf / n, maxLinf, sumL2 / n, maxL2, clean == 0 ? 0 : (double) successfulL2.size() / clean, median(successfulL2), (double) counted.predictions() / n,
                (double) counted.gradients() / n, (System.nanoTime() - started) / 1e9);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
