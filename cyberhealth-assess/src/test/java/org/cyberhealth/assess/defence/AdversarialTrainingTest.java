package org.cyberhealth.assess.defence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.evasion.EvasionEvaluation;
import org.cyberhealth.assess.evasion.EvasionResult;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.cyberhealth.ml.model.TrainingInputs;
import org.junit.jupiter.api.Test;

/** Madry et al.'s adversarial training on a small budget: 600 training images, 3 epochs, PGD-3 at 8/255. */
class AdversarialTrainingTest {

    @Test
    void adversarialTrainingRaisesPgdAccuracyAtTheTrainedEpsByTwentyPoints() {
        Path npz = Path.of("../samples/ml/ml/pneumoniamnist.npz");
        List<String> classes = List.of("normal", "pneumonia");
        Dataset all = MedMnist.read(npz, "train", "pneumonia", classes);
        int[] positions = new int[600];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i * all.size() / positions.length;
        }
        Dataset train = all.select(positions, "600");
        ReferenceClassifier reference = ReferenceClassifier.PNEUMONIA_CNN;
        double eps = 8 / 255.0;
        ClassifierTraining.Fitted plain = ClassifierTraining.fit(reference, train, 3, 7, e -> {});
        ClassifierTraining.Fitted hardened = ClassifierTraining.fit(reference, train, 3, 7, TrainingTransforms.of(TrainingInputs.pgd(eps, 3), 7),
                e -> {});
        Pgd pgd = Pgd.of(Norm.LINF, eps, 10, 1, 1);
        EvasionResult before;
        EvasionResult after;
        try (DjlClassifier p = plain.load(reference, classes); DjlClassifier h = hardened.load(reference, classes)) {
            LabelledImages test = LabelledImages.of(MedMnist.read(npz, "test", "pneumonia", classes), 100, p.input(), 2);
            before = EvasionEvaluation.run(p, pgd, test.images(), test.labels(), 50, n -> {});
            after = EvasionEvaluation.run(h, pgd, test.images(), test.labels(), 50, n -> {});
        }
        assertThat(after.cleanAccuracy()).isGreaterThan(0.6);
        assertThat(after.robustAccuracy()).isGreaterThan(before.robustAccuracy() + 0.2);
    }

    @Test
    void noiseTrainingInputsStayInRangeAndRepeatWithTheSeed() {
        org.cyberhealth.ml.model.BatchTransform a = TrainingTransforms.of(TrainingInputs.gaussian(0.25), 3);
        org.cyberhealth.ml.model.BatchTransform b = TrainingTransforms.of(TrainingInputs.gaussian(0.25), 3);
        float[][] images = {new float[784], new float[784]};
        java.util.Arrays.fill(images[1], 1f);
        try (DjlClassifier model = org.cyberhealth.ml.model.ClassifierFile.read(Path.of("../models/pneumonia-cnn.json")).openWhiteBox()) {
            float[][] noisy = a.apply(model, images, new int[] {0, 1});
            assertThat(b.apply(model, images, new int[] {0, 1})).isDeepEqualTo(noisy);
            model.input().check(noisy);
            assertThat(noisy[0]).isNotEqualTo(images[0]);
            assertThat(images[0]).containsOnly(0f);
        }
    }
}
