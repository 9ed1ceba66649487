package org.cyberhealth.ml.model;

import java.nio.file.Path;
import org.cyberhealth.ml.data.SegmentationSample;
import org.cyberhealth.ml.data.SegmentationSlices;

/**
 * The reference segmentation model that the assessment attacks: a {@link SmallUNet} trained in the project on
 * the bundled abdominal CT slices, with its fixed recipe (slice size, split, Adam's settings, epochs, seed),
 * so that {@code cyberhealth ml train --use-case abdomen-unet} gives the same parameters on a given machine.
 */
public enum ReferenceSegmenter {

    /** Liver, spleen, kidneys and stomach on 64 x 64 abdominal CT slices (TotalSegmentator's example CT). */
    ABDOMEN_UNET("abdomen-unet", SegmentationSample.ABDOMEN_CT, 64, 5, 150, 4, 3e-3, 7);

    private final String id;
    private final SegmentationSample sample;
    private final int size;
    private final int testEvery;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;

    ReferenceSegmenter(String id, SegmentationSample sample, int size, int testEvery, int epochs, int batchSize, double learningRate, long seed) {
        this.id = id;
        this.sample = sample;
        this.size = size;
        this.testEvery = testEvery;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    public String id() {
        return id;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public double learningRate() {
        return learningRate;
    }

    public long seed() {
        return seed;
    }

    /** Training and test slices, read from {@code folder} (samples/segmentation or a copy of it). */
    public SegmentationSlices.Split data(Path folder) {
        return sample.slices(folder, size).splitEvery(testEvery);
    }

    public String describeData() {
        return sample.id() + " slices at " + size + " x " + size + ", every " + testEvery + "th slice (from " + testEvery / 2 + ") held out";
    }

    public String describe(int withEpochs, long withSeed) {
        return SmallUNet.NAME + ", pixel cross-entropy, Adam lr " + learningRate + ", batch " + batchSize + ", " + withEpochs + " epochs, seed "
                + withSeed + ", one thread";
    }

    /** The reference segmenter called {@code id}, or {@code null}. */
    public static ReferenceSegmenter find(String id) {
        for (ReferenceSegmenter r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }
}
