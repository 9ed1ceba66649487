package org.cyberhealth.ml.data;

import java.util.ArrayList;
import java.util.List;

/**
 * 2D images with a class mask each: {@code images[i]} holds {@code height x width} intensities in [0, 1]
 * (row by row), {@code masks[i]} the class index of every pixel (0 is the background, then one index per
 * organ of {@code classes}), and {@code positions[i]} the slice index in the source volume, which the
 * train/test split follows.
 */
public record SegmentationSlices(String name, int height, int width, List<String> classes, float[][] images, int[][] masks, int[] positions) {

    public SegmentationSlices {
        if (images.length != masks.length || images.length != positions.length) {
            throw new IllegalArgumentException(images.length + " images, " + masks.length + " masks, " + positions.length + " positions");
        }
        if (classes.size() < 2 || !classes.get(0).equals("background")) {
            throw new IllegalArgumentException("classes start with 'background' and name at least one organ");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != height * width || masks[i].length != height * width) {
                throw new IllegalArgumentException("slice " + i + " is not " + height + " x " + width);
            }
            for (int label : masks[i]) {
                if (label < 0 || label >= classes.size()) {
                    throw new IllegalArgumentException("slice " + i + " has class " + label + " outside 0.." + (classes.size() - 1));
                }
            }
        }
        classes = List.copyOf(classes);
    }

    public int size() {
        return images.length;
    }

    /** Pixels per slice. */
    public int pixels() {
        return height * width;
    }

    /** A training part and a test part. */
    public record Split(SegmentationSlices train, SegmentationSlices test) {}

    /**
     * Splits by slice position: every {@code every}-th slice of the volume, starting at {@code every / 2},
     * is a test slice, the others train. The test slices are spread over the whole range, so each organ
     * appears in both parts; their neighbours, 3 mm away, are training slices, so the test measures how
     * well the model fills in between slices of one patient, not how it generalises to other patients.
     */
    public Split splitEvery(int every) {
        if (every < 2) {
            throw new IllegalArgumentException("the split needs every >= 2");
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            (positions[i] % every == every / 2 ? test : train).add(i);
        }
        return new Split(select(train, name + " train"), select(test, name + " test"));
    }

    /** The slices at {@code chosen} (indices into this set), in that order. */
    public SegmentationSlices select(List<Integer> chosen, String part) {
        float[][] x = new float[chosen.size()][];
        int[][] y = new int[chosen.size()][];
        int[] p = new int[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            x[i] = images[chosen.get(i)];
            y[i] = masks[chosen.get(i)];
            p[i] = positions[chosen.get(i)];
        }
        return new SegmentationSlices(part, height, width, classes, x, y, p);
    }

    /** How many pixels of each class the slices hold together. */
    public long[] classPixels() {
        long[] counts = new long[classes.size()];
        for (int[] mask : masks) {
            for (int label : mask) {
                counts[label]++;
            }
        }
        return counts;
    }
}
