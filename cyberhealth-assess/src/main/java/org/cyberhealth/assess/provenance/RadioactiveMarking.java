package org.cyberhealth.assess.provenance;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.data.Dataset;

/**
 * Marking with radioactive data (Sablayrolles, Douze, Schmid and Jegou, "Radioactive data: tracing through training",
 * ICML 2020): a small, key-derived perturbation of each marked image moves its features, under a marking network phi
 * trained on clean data, along the secret carrier u_y of its class. A network later trained on a set that contains such
 * images learns to use that direction for class y, which its last layer's weights betray ({@link RadioactiveDetection}).
 *
 * <p>The paper optimises (phi(x') - phi(x)) . u_y less an image-distance and a feature-distance penalty with Adam; here
 * the image distance is a hard L-inf budget and the objective is climbed by projected signed-gradient steps (PGD, step
 * 2.5 eps / steps), keeping the feature-distance penalty lambda |phi(x') - phi(x)|^2. Marked images are rounded to the
 * 8-bit grid (the archives store bytes) inside the budget, so PSNR >= 20 log10(1 / eps) for every image.
 */
public final class RadioactiveMarking {

    /**
     * @param eps    L-inf budget in pixel units (a whole number of grey levels keeps the 8-bit rounding inside it)
     * @param steps  PGD iterations
     * @param lambda weight of the feature-distance penalty
     */
    public record Settings(double eps, int steps, double lambda) {

        public static final Settings DEFAULT = new Settings(4 / 255.0, 30, 0.0);

        public Settings {
            if (!(eps > 0 && eps < 1) || steps < 1 || !(lambda >= 0)) {
                throw new IllegalArgumentException("0 < eps < 1, at least one step and lambda >= 0");
            }
        }
    }

    /** A training set with some images marked: which, and how much they changed (PSNR over [0, 1], per marked image). */
    public record MarkedData(Dataset data, int[] marked, double meanPsnr, double minPsnr) {}

    private static final int BATCH = 128;

    private final FeatureNetwork marker;
    private final float[][] carriers;
    private final Settings settings;
    private final byte[] key;

    public RadioactiveMarking(FeatureNetwork marker, byte[] key, int classes, Settings settings) {
        this.marker = marker;
        this.carriers = Carriers.draw(key, classes, marker.dimension());
        this.settings = settings;
        this.key = key.clone();
    }

    /** The marked copies of {@code images} (labels {@code labels}), in the same order. */
    public float[][] mark(float[][] images, int[] labels) {
        float[][] original = marker.features(images);
        float[][] targets = new float[images.length][];
        float[][] x = new float[images.length][];
        for (int i = 0; i < images.length; i++) {
            targets[i] = carriers[labels[i]];
            x[i] = images[i].clone();
        }
        double step = 2.5 * settings.eps() / settings.steps();
        for (int s = 0; s < settings.steps(); s++) {
            float[][] gradient = marker.markingGradient(x, original, targets, settings.lambda());
            for (int i = 0; i < x.length; i++) {
                for (int p = 0; p < x[i].length; p++) {
                    double moved = x[i][p] + step * Math.signum(gradient[i][p]);
                    x[i][p] = (float) project(moved, images[i][p]);
                }
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int p = 0; p < x[i].length; p++) {
                x[i][p] = (float) project(Math.rint(x[i][p] * 255) / 255, images[i][p]);
            }
        }
        return x;
    }

    /** {@code value} inside the budget around {@code original} and inside [0, 1]. */
    private double project(double value, float original) {
        return Math.min(1, Math.max(0, Math.min(original + settings.eps(), Math.max(original - settings.eps(), value))));
    }

    /**
     * {@code train} with a key-chosen {@code fraction} of its images marked (at least one), in batches;
     * {@code progress} hears the number of images marked so far.
     */
    public MarkedData markFraction(Dataset train, double fraction, IntConsumer progress) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the marked fraction must lie in (0, 1]");
        }
        int[] chosen = choose(train.size(), Math.max(1, (int) Math.round(fraction * train.size())));
        double[][] features = train.features().clone();
        double sumPsnr = 0;
        double minPsnr = Double.POSITIVE_INFINITY;
        for (int start = 0; start < chosen.length; start += BATCH) {
            int end = Math.min(chosen.length, start + BATCH);
            float[][] images = new float[end - start][];
            int[] labels = new int[end - start];
            for (int i = start; i < end; i++) {
                double[] row = train.features()[chosen[i]];
                images[i - start] = new float[row.length];
                for (int p = 0; p < row.length; p++) {
                    images[i - start][p] = (float) row[p];
                }
                labels[i - start] = (int) train.targets()[chosen[i]];
            }
            float[][] marked = mark(images, labels);
            for (int i = start; i < end; i++) {
                double[] row = new double[marked[i - start].length];
                for (int p = 0; p < row.length; p++) {
                    row[p] = marked[i - start][p];
                }
                features[chosen[i]] = row;
                double psnr = psnr(images[i - start], marked[i - start]);
                sumPsnr += psnr;
                minPsnr = Math.min(minPsnr, psnr);
            }
            progress.accept(end);
        }
        Dataset data = new Dataset(train.name() + ", " + chosen.length + " marked", features, train.targets(), train.shape(), train.classes());
        return new MarkedData(data, chosen, sumPsnr / chosen.length, minPsnr);
    }

    /** {@code count} distinct positions out of {@code size}, drawn by the key (partial Fisher-Yates), sorted. */
    private int[] choose(int size, int count) {
        KeyedStream stream = new KeyedStream(key, "radioactive/selection");
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) {
            positions[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + stream.nextInt(size - i);
            int swap = positions[i];
            positions[i] = positions[j];
            positions[j] = swap;
        }
        int[] chosen = Arrays.copyOf(positions, count);
        Arrays.sort(chosen);
        return chosen;
    }

    /** PSNR in dB of {@code marked} against {@code original}, peak 1 (pixels in [0, 1]); infinite when equal. */
    static double psnr(float[] original, float[] marked) {
        double squares = 0;
        for (int p = 0; p < original.length; p++) {
            double d = marked[p] - original[p];
            squares += d * d;
        }
        return squares == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(original.length / squares);
    }
}
