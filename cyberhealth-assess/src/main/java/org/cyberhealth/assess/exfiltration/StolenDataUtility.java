package org.cyberhealth.assess.exfiltration;

import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.DjlSegmenter;
import org.cyberhealth.ml.model.SegmentationScores;
import org.cyberhealth.ml.model.SegmenterTraining;

/**
 * Is what the thief rebuilt worth stealing? Li, Ayache and Delingette (DeCaF 2022; MELBA 2025) judge stolen images
 * not only by PSNR but by their use: a network trained on them should do about as well as one trained on the
 * originals. Here the same U-Net recipe (same seed, batch order and epochs) is trained twice, on the original training
 * slices and on the rebuilt ones, both with the original masks (the codes carry images, not labels; a thief without
 * masks would have to annotate, which this does not measure), and both are scored by Dice on the held-out slices,
 * which neither saw and which stay the originals.
 */
public final class StolenDataUtility {

    /** Mean Dice over the organs (background left out, as elsewhere in the project) of each network on the held-out slices. */
    public record Result(double originalDice, double stolenDice, int epochs) {

        /** What training on the stolen slices instead of the originals costs, in Dice (positive: worse). */
        public double gap() {
            return originalDice - stolenDice;
        }
    }

    private StolenDataUtility() {}

    /**
     * @param stolen the rebuilt training slices, in the order of {@code split.train()}, pixels in [0, 1]
     */
    public static Result measure(SegmentationSlices.Split split, float[][] stolen, int batchSize, double learningRate, int epochs, long seed) {
        double original = dice(SegmenterTraining.fit("trained on the originals", split.train(), batchSize, learningRate, epochs, seed, e -> { }),
                split.test());
        return new Result(original, diceTrainedOn(split, stolen, batchSize, learningRate, epochs, seed), epochs);
    }

    /** The held-out Dice of the recipe trained on {@code stolen} alone (when the originals' Dice is already known). */
    public static double diceTrainedOn(SegmentationSlices.Split split, float[][] stolen, int batchSize, double learningRate, int epochs, long seed) {
        SegmentationSlices train = split.train();
        if (stolen.length != train.size()) {
            throw new IllegalArgumentException(stolen.length + " stolen slices for " + train.size() + " training slices");
        }
        SegmentationSlices rebuilt = new SegmentationSlices(train.name() + " (stolen)", train.height(), train.width(), train.classes(), stolen,
                train.masks(), train.positions());
        return dice(SegmenterTraining.fit("trained on the stolen slices", rebuilt, batchSize, learningRate, epochs, seed, e -> { }), split.test());
    }

    private static double dice(SegmenterTraining.Fitted fitted, SegmentationSlices test) {
        try (DjlSegmenter segmenter = fitted.load()) {
            return SegmentationScores.of(segmenter.predictMasks(test.images()), test.masks(), test.classes().size()).meanDice();
        }
    }
}
