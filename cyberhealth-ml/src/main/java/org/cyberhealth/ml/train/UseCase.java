package org.cyberhealth.ml.train;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.data.SklearnTables;
import org.cyberhealth.ml.data.Split;

/**
 * The three reference use cases of encrypted inference, each with its data (relative to the data folder,
 * laid out as in ../shared/data) and the recipe of its HE-friendly network: low-degree polynomial
 * activations only, as CryptoNets (Gilad-Bachrach et al., ICML 2016) introduced, so CKKS can evaluate
 * every layer. The output layer (one unit per class, or one for a regression) is added by the training.
 */
public enum UseCase {

    /** Malignant or benign from 30 measurements of a fine-needle aspirate (Wisconsin diagnostic table). */
    BREAST_CANCER("breast-cancer",
            new Recipe("breast-cancer", List.of(new LayerSpec.Dense(16), new LayerSpec.Polynomial(0, 1, 0.1)), 60, 32, 0.003, 1e-3, 7, true)) {
        @Override
        public Split data(Path root) {
            return Split.holdOut(SklearnTables.breastCancer(root.resolve("tabular/sklearn/breast_cancer.csv")), 0.2, 7);
        }
    },

    /** Disease progression one year on from 10 baseline variables (Efron et al. 2004): a regression. */
    DIABETES("diabetes",
            new Recipe("diabetes", List.of(new LayerSpec.Dense(8), new LayerSpec.Polynomial(0, 1, 0.1)), 30, 32, 0.003, 1e-3, 7, true)) {
        @Override
        public Split data(Path root) {
            Path folder = root.resolve("tabular/sklearn");
            Dataset all = SklearnTables.diabetes(folder.resolve("diabetes_data_raw.csv.gz"), folder.resolve("diabetes_target.csv.gz"));
            return Split.holdOut(all, 0.2, 7);
        }
    },

    /** Pneumonia or not from a 28 x 28 paediatric chest X-ray (PneumoniaMNIST): a small CNN. */
    PNEUMONIA("pneumonia",
            new Recipe("pneumonia", List.of(new LayerSpec.Conv2d(4, 7, 3), new LayerSpec.Polynomial(0, 1, 0.1), new LayerSpec.Flatten(),
                    new LayerSpec.Dense(32), new LayerSpec.Polynomial(0, 1, 0.1)), 20, 32, 0.001, 1e-4, 7, false)) {
        @Override
        public Split data(Path root) {
            Path npz = root.resolve("ml/pneumoniamnist.npz");
            List<String> classes = List.of("normal", "pneumonia");
            return new Split(MedMnist.read(npz, "train", "pneumonia", classes), MedMnist.read(npz, "test", "pneumonia", classes));
        }
    };

    private final String id;
    private final Recipe recipe;

    UseCase(String id, Recipe recipe) {
        this.id = id;
        this.recipe = recipe;
    }

    public String id() {
        return id;
    }

    public Recipe recipe() {
        return recipe;
    }

    /** The training and test parts, read from the data folder (its layout is that of ../shared/data). */
    public abstract Split data(Path root);

    public static UseCase byId(String id) {
        for (UseCase useCase : values()) {
            if (useCase.id.equals(id)) {
                return useCase;
            }
        }
        throw new IllegalArgumentException("unknown use case '" + id + "' (breast-cancer, diabetes, pneumonia)");
    }
}
