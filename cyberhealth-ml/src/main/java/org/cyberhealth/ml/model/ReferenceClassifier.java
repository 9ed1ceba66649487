package org.cyberhealth.ml.model;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.data.UnitRange;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.train.UseCase;

/**
 * The reference classifiers that the assessment attacks: ordinary (ReLU, max-pooling) networks trained in
 * the project on real data, each with its fixed recipe (layout, Adam's settings, epochs, seed), so that
 * {@code cyberhealth ml train --use-case <id>} gives the same parameters on a given machine.
 */
public enum ReferenceClassifier {

    /** Normal or pneumonia from a 28 x 28 paediatric chest X-ray (PneumoniaMNIST): the evasion target. */
    PNEUMONIA_CNN("pneumonia-cnn", Architectures.SMALL_CNN, 10, 32, 1e-3, 7, TrainingInputs.CLEAN) {
        @Override
        public Split data(Path root) {
            return UseCase.PNEUMONIA.data(root);
        }
    },

    /**
     * The same network and recipe, adversarially trained (Madry et al., ICLR 2018): every mini-batch replaced by PGD
     * L-inf examples against the network as it stands, eps 8/255 (the largest budget the evasion benchmark reports,
     * as Madry et al. train at the eps they evaluate) and 7 steps (their CIFAR-10 setting).
     */
    PNEUMONIA_CNN_ADV("pneumonia-cnn-adv", Architectures.SMALL_CNN, 10, 32, 1e-3, 7, TrainingInputs.pgd(8 / 255.0, 7)) {
        @Override
        public Split data(Path root) {
            return UseCase.PNEUMONIA.data(root);
        }
    },

    /**
     * The same network and recipe trained on Gaussian-noisy images, sigma 0.25: the base classifier of randomised
     * smoothing must label noisy images well (Cohen et al., ICML 2019, train theirs the same way at the sigma they certify).
     */
    PNEUMONIA_CNN_NOISE("pneumonia-cnn-noise", Architectures.SMALL_CNN, 10, 32, 1e-3, 7, TrainingInputs.gaussian(0.25)) {
        @Override
        public Split data(Path root) {
            return UseCase.PNEUMONIA.data(root);
        }
    },

    /**
     * Malignant or not from a 28 x 28 breast ultrasound (BreastMNIST, 546 training images): the same layout and
     * optimiser on a five times smaller set, so more epochs; a second modality for the attacks, and a small
     * training set, where membership inference is easiest.
     */
    BREAST_CNN("breastmnist-cnn", Architectures.SMALL_CNN, 30, 32, 1e-3, 7, TrainingInputs.CLEAN) {
        @Override
        public Split data(Path root) {
            Path npz = root.resolve("ml/breastmnist.npz");
            // MedMNIST's labels: 0 malignant, 1 normal or benign.
            List<String> classes = List.of("malignant", "normal or benign");
            return new Split(MedMnist.read(npz, "train", "breastmnist", classes), MedMnist.read(npz, "test", "breastmnist", classes));
        }
    },

    /**
     * Malignant or benign from the 30 measurements of the Wisconsin diagnostic breast-cancer table, split as the
     * HE use case splits it (80/20, seed 7): a tabular model for membership inference and extraction. Columns are
     * scaled into [0, 1] with the training part's range ({@link UnitRange}), the input the descriptor declares.
     */
    BREAST_CANCER_MLP("breast-cancer-mlp", Architectures.SMALL_MLP, 60, 32, 1e-3, 7, TrainingInputs.CLEAN) {
        @Override
        public Split data(Path root) {
            Split raw = UseCase.BREAST_CANCER.data(root);
            UnitRange range = UnitRange.fit(raw.train());
            return new Split(range.apply(raw.train()), range.apply(raw.test()));
        }
    },

    /**
     * The same network trained with DP-SGD (Abadi et al., CCS 2016) at (8, 1e-5)-differential privacy on the 2,428
     * training images: clip 1, Poisson sampling with expected batch 64 (q = 0.0264), 10 epochs (379 steps), Adam lr 0.001,
     * noise multiplier 0.73 (module assess's accountant: epsilon 7.87 at delta 1e-5; a test holds it below 8).
     */
    PNEUMONIA_CNN_DP("pneumonia-cnn-dp", Architectures.SMALL_CNN, 10, 64, 1e-3, 7, TrainingInputs.CLEAN, new DpSgd(1.0, 0.73, 64, 10, 1e-3)) {
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
    private final TrainingInputs inputs;
    private final DpSgd privacy;

    ReferenceClassifier(String id, String architecture, int epochs, int batchSize, double learningRate, long seed, TrainingInputs inputs) {
        this(id, architecture, epochs, batchSize, learningRate, seed, inputs, null);
    }

    ReferenceClassifier(String id, String architecture, int epochs, int batchSize, double learningRate, long seed, TrainingInputs inputs,
                        DpSgd privacy) {
        this.privacy = privacy;
        this.id = id;
        this.architecture = architecture;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
        this.inputs = inputs;
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

    /** What the recipe trains on (module assess builds the matching {@link BatchTransform}). */
    public TrainingInputs inputs() {
        return inputs;
    }

    /** The DP-SGD settings of a privately trained recipe ({@link DpSgdTraining}), or {@code null} for ordinary training. */
    /**
     * True when the recipe is plain training (clean inputs, no DP-SGD), which a membership experiment can replay
     * with the shared training loop; hardened and private recipes have their own replays (module assess).
     */
    public boolean replayable() {
        return inputs.kind() == TrainingInputs.Kind.CLEAN && privacy == null;
    }

    public DpSgd privacy() {
        return privacy;
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
