package org.cyberhealth.assess.evasion;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/** Runs an evasion attack over labelled images in batches and measures clean and robust accuracy. */
public final class EvasionEvaluation {

    private EvasionEvaluation() {}

    /**
     * Attacks every image of {@code images} (batches of {@code batchSize}); {@code imagesDone} hears the
     * number of images finished so far, for a progress bar.
     */
    public static EvasionResult run(WhiteBoxClassifier model, EvasionAttack attack, float[][] images, int[] labels, int batchSize,
                                    IntConsumer imagesDone) {
        if (images.length == 0 || images.length != labels.length || batchSize < 1) {
            throw new IllegalArgumentException("need at least one image, one label per image and a positive batch size");
        }
        model.input().check(images);
        long started = System.nanoTime();
        int clean = 0;
        int robust = 0;
        int turned = 0;
        double sumLinf = 0;
        double maxLinf = 0;
        double sumL2 = 0;
        double maxL2 = 0;
        for (int start = 0; start < images.length; start += batchSize) {
            int end = Math.min(images.length, start + batchSize);
            float[][] x = Arrays.copyOfRange(images, start, end);
            int[] y = Arrays.copyOfRange(labels, start, end);
            int[] before = model.predictLabels(x);
            float[][] adversarial = attack.generate(model, x, y);
            int[] after = model.predictLabels(adversarial);
            for (int k = 0; k < x.length; k++) {
                boolean right = before[k] == y[k];
                clean += right ? 1 : 0;
                robust += after[k] == y[k] ? 1 : 0;
                turned += right && after[k] != y[k] ? 1 : 0;
                double linf = Norm.LINF.distance(x[k], adversarial[k]);
                double l2 = Norm.L2.distance(x[k], adversarial[k]);
                sumLinf += linf;
                sumL2 += l2;
                maxLinf = Math.max(maxLinf, linf);
                maxL2 = Math.max(maxL2, l2);
            }
            imagesDone.accept(end);
        }
        int n = images.length;
        return new EvasionResult(attack.describe(), n, (double) clean / n, (double) robust / n, clean == 0 ? 0 : (double) turned / clean,
                sumLinf / n, maxLinf, sumL2 / n, maxL2, (System.nanoTime() - started) / 1e9);
    }
}
