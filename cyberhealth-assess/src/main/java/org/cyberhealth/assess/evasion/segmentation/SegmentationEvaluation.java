package org.cyberhealth.assess.evasion.segmentation;

import java.util.function.IntConsumer;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.SegmentationScores;
import org.cyberhealth.ml.model.WhiteBoxSegmenter;

/** Runs a segmentation attack over slices in batches and measures it ({@link SegmentationResult}). */
public final class SegmentationEvaluation {

    private SegmentationEvaluation() {}

    /** {@code progress} hears the number of slices done after each batch. */
    public static SegmentationResult run(WhiteBoxSegmenter model, SegmentationPgd attack, SegmentationSlices slices, int batchSize,
                                         IntConsumer progress) {
        long started = System.nanoTime();
        int n = slices.size();
        int[][] clean = new int[n][];
        int[][] attacked = new int[n][];
        int[][] targets = new int[n][];
        double maxLinf = 0;
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            float[][] x = new float[end - start][];
            int[][] y = new int[end - start][];
            for (int i = start; i < end; i++) {
                x[i - start] = slices.images()[i];
                y[i - start] = slices.masks()[i];
            }
            float[][] adversarial = attack.generate(model, x, y);
            int[][] before = model.predictMasks(x);
            int[][] after = model.predictMasks(adversarial);
            int[][] target = attack.targets(model, y);
            for (int i = start; i < end; i++) {
                clean[i] = before[i - start];
                attacked[i] = after[i - start];
                targets[i] = target[i - start];
                for (int q = 0; q < x[i - start].length; q++) {
                    maxLinf = Math.max(maxLinf, Math.abs((double) adversarial[i - start][q] - x[i - start][q]));
                }
            }
            progress.accept(end);
        }
        long targetPixels = 0;
        long hitBefore = 0;
        long hitAfter = 0;
        long organBefore = 0;
        long organAfter = 0;
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < targets[i].length; q++) {
                if (targets[i][q] != slices.masks()[i][q]) {
                    targetPixels++;
                    hitBefore += clean[i][q] == targets[i][q] ? 1 : 0;
                    hitAfter += attacked[i][q] == targets[i][q] ? 1 : 0;
                }
                if (attack.goal().targeted()) {
                    organBefore += clean[i][q] == attack.organ() ? 1 : 0;
                    organAfter += attacked[i][q] == attack.organ() ? 1 : 0;
                }
            }
        }
        int classes = slices.classes().size();
        return new SegmentationResult(attack.describe(), n, SegmentationScores.of(clean, slices.masks(), classes),
                SegmentationScores.of(attacked, slices.masks(), classes), targetPixels,
                targetPixels == 0 ? Double.NaN : (double) hitBefore / targetPixels, targetPixels == 0 ? Double.NaN : (double) hitAfter / targetPixels,
                organBefore, organAfter, maxLinf, (System.nanoTime() - started) / 1e9);
    }
}
