package org.cyberhealth.assess.evasion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.DjlClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The attacks on the committed reference CNN (models/pneumonia-cnn.json) and 100 PneumoniaMNIST test images, 50 of each class. */
class ReferenceModelEvasionTest {

    private static DjlClassifier model;
    private static float[][] images;
    private static int[] labels;

    @BeforeAll
    static void load() {
        model = ClassifierFile.read(Path.of("../models/pneumonia-cnn.json")).openWhiteBox();
        Dataset test = MedMnist.read(Path.of("../samples/ml/ml/pneumoniamnist.npz"), "test", "pneumonia", List.of("normal", "pneumonia"));
        LabelledImages subset = LabelledImages.of(test, 100, model.input(), 2);
        images = subset.images();
        labels = subset.labels();
        assertThat(IntStream.of(labels).sum()).as("both classes").isEqualTo(50);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void pgdAtEightOver255CollapsesTheAccuracyAndBeatsFgsm() {
        double eps = 8 / 255.0;
        EvasionResult fgsm = EvasionEvaluation.run(model, new Fgsm(Norm.LINF, eps), images, labels, 50, n -> {});
        // 20 steps rather than the benchmark's 50 keeps this test to a few seconds; the step stays 2.5 eps / steps.
        EvasionResult pgd = EvasionEvaluation.run(model, Pgd.of(Norm.LINF, eps, 20, 1, 1), images, labels, 50, n -> {});
        assertThat(pgd.cleanAccuracy()).isGreaterThan(0.75);
        assertThat(pgd.robustAccuracy()).isLessThan(pgd.cleanAccuracy() - 0.5);
        assertThat(pgd.robustAccuracy()).isLessThanOrEqualTo(fgsm.robustAccuracy());
        assertThat(fgsm.robustAccuracy()).isLessThan(fgsm.cleanAccuracy());
        assertThat(pgd.maxLinf()).isLessThanOrEqualTo(eps + 1e-6);
        assertThat(pgd.attackSuccessRate()).isGreaterThan(0.5);
    }

    @Test
    void l2PgdWithinHalfAUnitAlsoLowersTheAccuracy() {
        EvasionResult pgd = EvasionEvaluation.run(model, Pgd.of(Norm.L2, 0.5, 20, 1, 1), images, labels, 50, n -> {});
        assertThat(pgd.robustAccuracy()).isLessThan(pgd.cleanAccuracy() - 0.2);
        assertThat(pgd.maxL2()).isLessThanOrEqualTo(0.5 + 1e-6);
    }
}
