package org.cyberhealth.assess.provenance;

import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.Classifier;

/**
 * Black-box trigger-set watermark of Adi, Baum, Cisse, Pinkas and Keshet ("Turning your weakness into a strength:
 * watermarking deep neural networks by backdooring", USENIX Security 2018): the owner trains the network to give
 * chosen labels on a secret set of images that no ordinary input resembles, and later proves ownership by querying
 * the suspect model on them, without seeing its weights.
 *
 * <p>Here the trigger images are key-derived noise patterns (a coarse grid of uniform grey levels, each cell a
 * square of pixels: coarse enough for a small network to learn, unlike pixel-level noise), and each label is drawn
 * uniformly from the classes by the key, independently of the image. Whatever a model that never saw the key answers
 * on those images, each answer agrees with its independent uniform label with probability exactly 1/C, so the null
 * distribution of the agreement count is Binomial(N, 1/C) for any unmarked model, whatever its own label distribution
 * (the null used here); the p-value is P(Binomial(N, 1/C) >= agreements).
 */
public final class TriggerSet {

    public static final int DEFAULT_SIZE = 100;
    /** Side of a noise cell in pixels. */
    static final int CELL = 4;

    private final float[][] images;
    private final int[] labels;
    private final int classes;

    /** {@code count} trigger images of {@code height x width} pixels (one channel) for a {@code classes}-class model. */
    public TriggerSet(byte[] key, int count, int height, int width, int classes) {
        if (count < 1 || classes < 2) {
            throw new IllegalArgumentException("at least one trigger and two classes");
        }
        KeyedStream pixels = new KeyedStream(key, "adi/images");
        KeyedStream draws = new KeyedStream(key, "adi/labels");
        int rows = (height + CELL - 1) / CELL;
        int columns = (width + CELL - 1) / CELL;
        this.images = new float[count][height * width];
        this.labels = new int[count];
        this.classes = classes;
        for (int i = 0; i < count; i++) {
            float[] cells = new float[rows * columns];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = (float) pixels.nextDouble();
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    images[i][y * width + x] = cells[(y / CELL) * columns + x / CELL];
                }
            }
            labels[i] = draws.nextInt(classes);
        }
    }

    public int size() {
        return labels.length;
    }

    float[][] images() {
        return images;
    }

    int[] labels() {
        return labels;
    }

    /**
     * {@code train} with the trigger images appended {@code repeats} times: Adi et al. mix the triggers into every
     * mini-batch; repeating them in the shuffled set does the same on average.
     */
    public Dataset mixedInto(Dataset train, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1");
        }
        if (train.classes().size() != classes || train.width() != images[0].length) {
            throw new IllegalArgumentException("the trigger set was made for another shape or class count than " + train.name());
        }
        List<double[]> x = new ArrayList<>();
        double[] y = new double[size() * repeats];
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < size(); i++) {
                double[] row = new double[images[i].length];
                for (int p = 0; p < row.length; p++) {
                    row[p] = images[i][p];
                }
                x.add(row);
                y[r * size() + i] = labels[i];
            }
        }
        Dataset triggers = new Dataset("trigger set", x.toArray(double[][]::new), y, train.shape(), train.classes());
        return train.concat(triggers, train.name() + " + " + size() + " triggers x " + repeats);
    }

    /** Queries {@code model} on the triggers (labels only) and tests agreement against chance. */
    public MarkCheck verify(Classifier model) {
        if (model.classes().size() != classes) {
            throw new IllegalArgumentException("the model has " + model.classes().size() + " classes, the trigger set " + classes);
        }
        int[] answers = model.predictLabels(images);
        int agree = 0;
        for (int i = 0; i < answers.length; i++) {
            agree += answers[i] == labels[i] ? 1 : 0;
        }
        return new MarkCheck("adi", agree, size(), size() / (double) classes, UchidaWatermark.atLeast(agree, size(), 1.0 / classes));
    }
}
