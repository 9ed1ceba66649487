package org.cyberhealth.assess.defence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.evasion.EvasionEvaluation;
import org.cyberhealth.assess.evasion.EvasionResult;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.DjlClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Squeezing and JPEG in front of the committed reference CNN, on 100 test images (50 per class). */
class PreprocessingOnReferenceCnnTest {

    private static DjlClassifier model;
    private static LabelledImages test;

    @BeforeAll
    static void load() {
        model = ClassifierFile.read(Path.of("../models/pneumonia-cnn.json")).openWhiteBox();
        test = LabelledImages.of(MedMnist.read(Path.of("../samples/ml/ml/pneumoniamnist.npz"), "test", "pneumonia", List.of("normal", "pneumonia")),
                100, model.input(), 2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void defendedModelsGiveProbabilitiesAndTheSameAnswerTwice() {
        for (Preprocessor p : List.of(new BitDepthReduction(4).then(new MedianSmoothing(2)), new JpegCompression(75))) {
            PreprocessedClassifier defended = new PreprocessedClassifier(model, p);
            float[][] first = defended.predict(test.images());
            assertThat(defended.predict(test.images())).isDeepEqualTo(first);
            for (float[] row : first) {
                assertThat(row[0]).isBetween(0f, 1f);
                assertThat(row[1]).isBetween(0f, 1f);
                assertThat(row[0] + row[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void bpdaIsAtLeastAsStrongAsTheNaiveAttackAndTheDefenceCostsLittleCleanAccuracy() {
        // 20 PGD steps (the benchmark runs 50) keep this to seconds; 8/255, seed 1.
        Pgd pgd = Pgd.of(Norm.LINF, 8 / 255.0, 20, 1, 1);
        EvasionResult bare = EvasionEvaluation.run(model, pgd, test.images(), test.labels(), 50, n -> {});
        for (Preprocessor p : List.of(new BitDepthReduction(4).then(new MedianSmoothing(2)), new JpegCompression(75))) {
            PreprocessedClassifier defended = new PreprocessedClassifier(model, p);
            EvasionResult naive = EvasionEvaluation.run(new SurrogateGradient(defended, model), pgd, test.images(), test.labels(), 50, n -> {});
            EvasionResult bpda = EvasionEvaluation.run(defended, pgd, test.images(), test.labels(), 50, n -> {});
            assertThat(bpda.robustAccuracy()).as(p.describe()).isLessThanOrEqualTo(naive.robustAccuracy());
            assertThat(bpda.cleanAccuracy()).as(p.describe()).isGreaterThan(bare.cleanAccuracy() - 0.05);
            // Against the bare model PGD at 8/255 leaves almost nothing; the transformation does recover some accuracy.
            assertThat(bpda.robustAccuracy()).as(p.describe()).isGreaterThan(bare.robustAccuracy());
            assertThat(bpda.maxLinf()).isLessThanOrEqualTo(8 / 255.0 + 1e-6);
        }
    }
}
