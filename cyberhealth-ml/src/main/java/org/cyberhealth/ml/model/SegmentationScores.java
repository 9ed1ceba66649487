package org.cyberhealth.ml.model;

/**
 * Overlap of predicted and true masks, per class: Dice 2|P and T| / (|P| + |T|) (Dice, Ecology 1945) and
 * IoU |P and T| / |P or T| (Jaccard), pooled over all pixels of all slices given (so a large organ weighs
 * by its pixels, as a per-volume score would). A class absent from both truth and prediction scores 1:
 * nothing to find, nothing found. The means are over the foreground classes (background excluded, as is
 * usual: it is most of the image and would flatter every model).
 */
public record SegmentationScores(double[] dice, double[] iou) {

    public static SegmentationScores of(int[][] predicted, int[][] truth, int classes) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predicted masks but " + truth.length + " true ones");
        }
        long[] both = new long[classes];
        long[] inPredicted = new long[classes];
        long[] inTruth = new long[classes];
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i].length != truth[i].length) {
                throw new IllegalArgumentException("mask " + i + " sizes differ");
            }
            for (int q = 0; q < truth[i].length; q++) {
                inPredicted[predicted[i][q]]++;
                inTruth[truth[i][q]]++;
                if (predicted[i][q] == truth[i][q]) {
                    both[truth[i][q]]++;
                }
            }
        }
        double[] dice = new double[classes];
        double[] iou = new double[classes];
        for (int c = 0; c < classes; c++) {
            long union = inPredicted[c] + inTruth[c] - both[c];
            dice[c] = union == 0 ? 1 : 2.0 * both[c] / (inPredicted[c] + inTruth[c]);
            iou[c] = union == 0 ? 1 : (double) both[c] / union;
        }
        return new SegmentationScores(dice, iou);
    }

    public double meanDice() {
        return foregroundMean(dice);
    }

    public double meanIou() {
        return foregroundMean(iou);
    }

    private static double foregroundMean(double[] values) {
        double sum = 0;
        for (int c = 1; c < values.length; c++) {
            sum += values[c];
        }
        return sum / (values.length - 1);
    }
}
