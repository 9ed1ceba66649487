package org.cyberhealth.assess.defence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.DjlClassifier;
import org.junit.jupiter.api.Test;

class OutputPostProcessingTest {

    private static final List<OutputPostProcessing> ALL = List.of(new LabelsOnly(), new TopK(1), new TopK(2), new Rounding(0), new Rounding(1),
            new Rounding(2), new OutputNoise(1.0, 5), new OutputNoise(3.0, 5));

    @Test
    void everyProcessingKeepsTheLabelAndReleasesADistributionWithoutTouchingItsInput() {
        Random random = new Random(1);
        for (int trial = 0; trial < 2000; trial++) {
            int classes = 2 + random.nextInt(5);
            float[] p = randomDistribution(classes, random, trial % 7 == 0);
            float[] image = {random.nextFloat(), random.nextFloat()};
            float[] copy = p.clone();
            for (OutputPostProcessing processing : ALL) {
                float[] out = processing.apply(p, image);
                assertThat(OutputPostProcessing.top(out)).as(processing.describe()).isEqualTo(OutputPostProcessing.top(p));
                double sum = 0;
                for (float v : out) {
                    assertThat(v).isBetween(0f, 1f);
                    sum += v;
                }
                assertThat(sum).as(processing.describe()).isCloseTo(1, within(1e-5));
                assertThat(p).containsExactly(copy);
            }
        }
    }

    @Test
    void roundingGivesMultiplesOfItsUnitAndTopKKeepsTheTopValues() {
        Random random = new Random(2);
        for (int trial = 0; trial < 500; trial++) {
            float[] p = randomDistribution(5, random, false);
            for (int d = 0; d <= 3; d++) {
                for (float v : new Rounding(d).apply(p, new float[0])) {
                    double units = v * Math.pow(10, d);
                    assertThat(units).isCloseTo(Math.rint(units), within(1e-3));
                }
            }
            float[] top2 = new TopK(2).apply(p, new float[0]);
            float[] sorted = p.clone();
            java.util.Arrays.sort(sorted);
            int kept = 0;
            for (int c = 0; c < p.length; c++) {
                if (top2[c] == p[c] && p[c] >= sorted[3]) {
                    kept++;
                }
            }
            assertThat(kept).isGreaterThanOrEqualTo(2);
        }
        // The tie that plain rounding would create: 0.504 / 0.496 to no decimals.
        assertThat(new Rounding(0).apply(new float[] {0.496f, 0.504f}, new float[0])).containsExactly(0f, 1f);
        assertThat(new Rounding(1).apply(new float[] {0.496f, 0.504f}, new float[0])).containsExactly(0.4f, 0.6f);
    }

    @Test
    void noiseIsKeyedByTheImageSoRepeatedQueriesAgree() {
        OutputNoise noise = new OutputNoise(1.0, 42);
        float[] p = {0.7f, 0.2f, 0.1f};
        float[] a = {0.1f, 0.2f};
        float[] b = {0.1f, 0.3f};
        assertThat(noise.apply(p, a)).containsExactly(noise.apply(p, a));
        assertThat(noise.apply(p, a)).isNotEqualTo(noise.apply(p, b));
        assertThat(noise.apply(p, a)).isNotEqualTo(p);
        assertThat(new OutputNoise(0, 42).apply(p, a)).containsExactly(p, within(1e-6f));
    }

    /** Label-preserving processing costs no accuracy: the committed CNN labels 200 test images exactly as before. */
    @Test
    void theReferenceModelsAccuracyIsUnchanged() {
        try (DjlClassifier model = ClassifierFile.read(Path.of("../models/pneumonia-cnn.json")).openWhiteBox()) {
            LabelledImages test = LabelledImages.of(MedMnist.read(Path.of("../samples/ml/ml/pneumoniamnist.npz"), "test", "pneumonia",
                    List.of("normal", "pneumonia")), 200, model.input(), 2);
            int[] plain = model.predictLabels(test.images());
            for (OutputPostProcessing processing : ALL) {
                assertThat(new PostProcessedClassifier(model, processing).predictLabels(test.images())).as(processing.describe())
                        .containsExactly(plain);
            }
        }
    }

    private static float[] randomDistribution(int classes, Random random, boolean peaked) {
        float[] p = new float[classes];
        double sum = 0;
        double[] raw = new double[classes];
        for (int c = 0; c < classes; c++) {
            raw[c] = peaked ? Math.exp(12 * random.nextGaussian()) : -Math.log(1 - random.nextDouble());
            sum += raw[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] = (float) (raw[c] / sum);
        }
        return p;
    }
}
