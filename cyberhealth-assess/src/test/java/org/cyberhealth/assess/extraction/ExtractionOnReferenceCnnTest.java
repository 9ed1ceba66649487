package org.cyberhealth.assess.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both attacks against the committed reference CNN (56k parameters), copies of the same layout trained for a
 * few epochs (bounds found on these seeds; see each test), measured on 200 PneumoniaMNIST test images (100 per class).
 */
class ExtractionOnReferenceCnnTest {

    private static final List<String> CLASSES = List.of("normal", "pneumonia");

    private static DjlClassifier victim;
    private static LabelledImages test;
    private static LabelledImages seeds;
    private static float[][] pool;
    private static CopyTrainer trainer;

    @BeforeAll
    static void load() {
        victim = ClassifierFile.read(Path.of("../models/pneumonia-cnn.json")).openWhiteBox();
        Path pneumonia = Path.of("../samples/ml/ml/pneumoniamnist.npz");
        test = LabelledImages.of(MedMnist.read(pneumonia, "test", "pneumonia", CLASSES), 200, victim.input(), 2);
        seeds = LabelledImages.of(MedMnist.read(pneumonia, "train", "pneumonia", CLASSES), 100, victim.input(), 2);
        Dataset breast = MedMnist.read(Path.of("../samples/ml/ml/breastmnist.npz"), "train", "breast", CLASSES);
        pool = LabelledImages.of(breast, Integer.MAX_VALUE, victim.input(), 2).images();
        trainer = new ReferenceCopyTrainer(ReferenceClassifier.PNEUMONIA_CNN, 28, 28, CLASSES, 5);
    }

    @AfterAll
    static void close() {
        victim.close();
    }

    @Test
    void knockoffCopyBeatsTheMajorityBaselineOnceItHasQueriedEnough() {
        // Out-of-distribution ultrasound queries teach slowly: at 300 queries the copy is at 0.655 against the 0.615
        // baseline, at 2000 at 0.775. The bound is 10 points above the baseline at 2000, not at a few hundred.
        CopyTrainer longer = new ReferenceCopyTrainer(ReferenceClassifier.PNEUMONIA_CNN, 28, 28, CLASSES, 15);
        KnockoffNets knockoff = new KnockoffNets(pool, new Augmentation(2, 0.02));
        List<ExtractionResult> r = ExtractionEvaluation.run(victim, knockoff, new int[] {300, 2000}, longer, test, 1, n -> {});
        assertThat(r.get(0).queries()).isEqualTo(300);
        assertThat(r.get(1).queries()).isEqualTo(2000);
        assertThat(r.get(1).fidelity()).isGreaterThan(r.get(1).agreementBaseline() + 0.10);
        assertThat(r.get(1).fidelity()).isGreaterThan(r.get(0).fidelity() - 0.05);
    }

    @Test
    void jacobianCopyAgreesWithTheVictimFarAboveTheMajorityBaselineAfterAFewHundredQueries() {
        JacobianAugmentation jacobian = new JacobianAugmentation(seeds.images(), 0.1, 3);
        List<ExtractionResult> r = ExtractionEvaluation.run(victim, jacobian, new int[] {300, 800}, trainer, test, 1, n -> {});
        assertThat(r.get(0).queries()).isEqualTo(300);
        assertThat(r.get(1).queries()).isEqualTo(800);
        assertThat(r.get(0).agreementBaseline()).isEqualTo(0.615);
        assertThat(r.get(0).fidelity()).isGreaterThan(r.get(0).agreementBaseline() + 0.20);
        assertThat(r.get(1).fidelity()).isGreaterThan(r.get(0).fidelity() - 0.05);
        assertThat(r.get(0).victimAccuracy()).isEqualTo(0.875);
    }

    @Test
    void theCounterCountsImagesNotBatchesAndKnockoffStreamsExtendEachOther() {
        int[] heard = {0};
        CountingClassifier counted = new CountingClassifier(victim, n -> heard[0] += n);
        counted.predict(new float[3][784]);
        counted.predictLabels(new float[5][784]);
        assertThat(counted.queries()).isEqualTo(8);
        assertThat(heard[0]).isEqualTo(8);
        KnockoffNets knockoff = new KnockoffNets(pool, new Augmentation(2, 0.02));
        float[][] shorter = knockoff.queries(victim, 600, 4);
        float[][] longer = knockoff.queries(victim, 1200, 4);
        for (int i = 0; i < shorter.length; i++) {
            assertThat(longer[i]).containsExactly(shorter[i]);
        }
        for (float[] image : longer) {
            victim.input().check(new float[][] {image});
        }
    }
}
