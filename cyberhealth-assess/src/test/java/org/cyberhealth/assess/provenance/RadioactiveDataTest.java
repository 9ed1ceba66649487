package org.cyberhealth.assess.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Radioactive marking and its detector around a marking network trained 1 epoch (about a second on one core). */
class RadioactiveDataTest {

    private static final ReferenceClassifier REFERENCE = ReferenceClassifier.PNEUMONIA_CNN;
    private static Split split;
    private static ClassifierTraining.Fitted markerFit;
    private static FeatureNetwork marker;
    private static float[][] clean;
    private static final byte[] KEY = filled(5);

    @BeforeAll
    static void train() {
        split = REFERENCE.data(Path.of("../samples/ml"));
        markerFit = ClassifierTraining.fit(REFERENCE, split.train(), 1, 7, e -> {});
        marker = FeatureNetwork.load(REFERENCE.architecture(), 2, markerFit.input(), markerFit.parameters());
        clean = new float[split.test().size()][];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = ClassifierTraining.toFloats(split.test().features()[i]);
        }
    }

    @AfterAll
    static void close() {
        marker.close();
    }

    private static byte[] filled(int value) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) value);
        return k;
    }

    @Test
    void markingStaysInsideItsBudgetOnTheByteGridAndPushesFeaturesAlongTheCarrier() {
        RadioactiveMarking.Settings settings = RadioactiveMarking.Settings.DEFAULT;
        RadioactiveMarking.MarkedData data = new RadioactiveMarking(marker, KEY, 2, settings).markFraction(split.train(), 0.01, d -> {});
        assertThat(data.marked()).hasSize(24);
        double bound = 20 * Math.log10(255 / 4.0);
        assertThat(data.minPsnr()).isGreaterThanOrEqualTo(bound);
        float[][] carriers = Carriers.draw(KEY, 2, marker.dimension());
        for (int i : data.marked()) {
            double[] before = split.train().features()[i];
            double[] after = data.data().features()[i];
            float[][] pair = new float[2][before.length];
            for (int p = 0; p < before.length; p++) {
                assertThat(Math.abs(after[p] - before[p])).isLessThanOrEqualTo(4 / 255.0 + 1e-6);
                assertThat(Math.abs(after[p] * 255 - Math.rint(after[p] * 255))).isLessThan(1e-4);
                pair[0][p] = (float) before[p];
                pair[1][p] = (float) after[p];
            }
            float[][] phi = marker.features(pair);
            double along = 0;
            float[] u = carriers[(int) split.train().targets()[i]];
            for (int k = 0; k < u.length; k++) {
                along += (phi[1][k] - phi[0][k]) * u[k];
            }
            assertThat(along).as("image %d", i).isGreaterThan(0.5);
        }
        int unmarked = 0;
        while (Arrays.binarySearch(data.marked(), unmarked) >= 0) {
            unmarked++;
        }
        assertThat(data.data().features()[unmarked]).isEqualTo(split.train().features()[unmarked]);
    }

    @Test
    void detectionFindsCarriersPlantedInALastLayerAndNothingInAnUnmarkedNetwork() {
        NetworkWeights weights = NetworkWeights.read(REFERENCE.architecture(), 2, new Shape(1, 1, 28, 28), markerFit.parameters());
        float[][] carriers = Carriers.draw(KEY, 2, marker.dimension());
        // The marking network with its class weights replaced by the carriers: the strongest possible trace.
        float[] planted = new float[2 * marker.dimension()];
        for (int c = 0; c < 2; c++) {
            System.arraycopy(carriers[c], 0, planted, c * marker.dimension(), marker.dimension());
        }
        NetworkWeights traced = weights.with("10Linear_weight", planted);
        try (FeatureNetwork suspect = FeatureNetwork.load(REFERENCE.architecture(), 2, markerFit.input(), traced.toBytes())) {
            assertThat(RadioactiveDetection.detect(marker, suspect, traced.lastLayer(), clean, KEY).combined().pValue()).isLessThan(1e-6);
            assertThat(RadioactiveDetection.detect(marker, suspect, traced.lastLayer(), clean, filled(6)).combined().pValue()).isGreaterThan(0.01);
        }
        ClassifierTraining.Fitted other = ClassifierTraining.fit(REFERENCE, split.train(), 1, 11, e -> {});
        try (FeatureNetwork suspect = FeatureNetwork.load(REFERENCE.architecture(), 2, other.input(), other.parameters())) {
            NetworkWeights otherWeights = NetworkWeights.read(REFERENCE.architecture(), 2, new Shape(1, 1, 28, 28), other.parameters());
            assertThat(RadioactiveDetection.detect(marker, suspect, otherWeights.lastLayer(), clean, KEY).combined().pValue()).isGreaterThan(0.01);
        }
    }
}
