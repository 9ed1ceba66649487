package org.cyberhealth.ml.model;

import java.nio.file.Path;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.train.UseCase;

/**
 * The reference classifiers that the assessment attacks: ordinary (ReLU, max-pooling) networks trained in
 * the project on real data, each with its fixed recipe (layout, Adam's settings, epochs, seed), so that
 * {@code cyberhealth ml train --use-case <id>} gives the same parameters on a given machine.
 */
public enum ReferenceClassifier {

    /** Normal or pneumonia from a 28 x 28 paediatric chest X-ray (PneumoniaMNIST): the evasion target. */
    PNEUMONIA_CNN("pneumonia-cnn", Architectures.SMALL_CNN, 10, 32, 1e-3, 7) {
        @Override
        public Split data(Path root) {
            return UseCase.PNEUMONIA.data(root);
        }
    };

    private final String id;
    private final String architecture;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;

    ReferenceClassifier(String id, String architecture, int epochs, int batchSize, double learningRate, long seed) {
        this.id = id;
        this.architecture = architecture;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    public String id() {
        return id;
    }

    public String architecture() {
        return architecture;
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

    /** The training and test parts, read from a folder laid out as ../shared/data. */
    public abstract Split data(Path root);

    public String describe(int withEpochs, long withSeed) {
        return architecture + ", Adam lr " + learningRate + ", batch " + batchSize + ", " + withEpochs + " epochs, seed " + withSeed
                + ", one thread";
    }

    /** The reference classifier called {@code id}, or {@code null}. */
    public static ReferenceClassifier find(String id) {
        for (ReferenceClassifier r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }
}
