package org.cyberhealth.assess.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both model marks on the reference CNN recipe, 2 epochs (a few seconds on one core), against an unmarked twin. */
class ModelMarksTest {

    private static final ReferenceClassifier REFERENCE = ReferenceClassifier.PNEUMONIA_CNN;
    private static final Shape INPUT = new Shape(1, 1, 28, 28);
    private static Split split;
    private static byte[] key;
    private static byte[] otherKey;
    private static ClassifierTraining.Fitted marked;
    private static ClassifierTraining.Fitted twin;

    @BeforeAll
    static void train() {
        split = REFERENCE.data(Path.of("../samples/ml"));
        key = filled(3);
        otherKey = filled(4);
        TriggerSet triggers = new TriggerSet(key, TriggerSet.DEFAULT_SIZE, 28, 28, 2);
        marked = ClassifierTraining.fit(REFERENCE, triggers.mixedInto(split.train(), 4), 2, 7, UchidaWatermark.withDefaults(key).embedding(null),
                e -> {});
        twin = ClassifierTraining.fit(REFERENCE, split.train(), 2, 7, e -> {});
    }

    private static byte[] filled(int value) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) value);
        return k;
    }

    private static NetworkWeights weights(ClassifierTraining.Fitted fitted) {
        return NetworkWeights.read(REFERENCE.architecture(), 2, INPUT, fitted.parameters());
    }

    @Test
    void theUchidaMarkIsReadFromTheMarkedModelOnlyAndOnlyWithItsKey() {
        UchidaWatermark mark = UchidaWatermark.withDefaults(key);
        assertThat(mark.verify(weights(marked)).pValue()).isLessThan(1e-6);
        assertThat(mark.verify(weights(twin)).pValue()).isGreaterThan(0.01);
        assertThat(UchidaWatermark.withDefaults(otherKey).verify(weights(marked)).pValue()).isGreaterThan(0.01);
    }

    @Test
    void theTriggerSetAnswersOnlyOnTheMarkedModelAndOnlyWithItsKey() {
        TriggerSet triggers = new TriggerSet(key, TriggerSet.DEFAULT_SIZE, 28, 28, 2);
        TriggerSet others = new TriggerSet(otherKey, TriggerSet.DEFAULT_SIZE, 28, 28, 2);
        try (DjlClassifier m = marked.load(REFERENCE, split.train().classes()); DjlClassifier t = twin.load(REFERENCE, split.train().classes())) {
            assertThat(triggers.verify(m).pValue()).isLessThan(1e-6);
            assertThat(triggers.verify(t).pValue()).isGreaterThan(0.01);
            assertThat(others.verify(m).pValue()).isGreaterThan(0.01);
            // Marking costs little: the marked model stays within a few points of its twin on the clean test part.
            assertThat(ClassifierTraining.accuracy(m, split.test())).isGreaterThan(ClassifierTraining.accuracy(t, split.test()) - 0.06);
        }
    }

    @Test
    void weightsSurviveAWriteAndReadBitForBit() {
        NetworkWeights w = weights(marked);
        NetworkWeights again = NetworkWeights.read(REFERENCE.architecture(), 2, INPUT, w.toBytes());
        for (String name : w.names()) {
            assertThat(again.get(name)).isEqualTo(w.get(name));
        }
    }

    @Test
    void pruningZeroesExactlyTheSmallestShareAndQuantisationKeepsAtMostTwoToTheBitsLevels() {
        NetworkWeights w = weights(marked);
        NetworkWeights pruned = ModelAttacks.prune(w, 0.65);
        NetworkWeights quantised = ModelAttacks.quantise(w, 4);
        for (String name : w.weightNames()) {
            float[] before = w.get(name);
            float[] after = pruned.get(name);
            int zeros = 0;
            float largestZeroed = 0;
            float smallestKept = Float.MAX_VALUE;
            for (int i = 0; i < after.length; i++) {
                if (after[i] == 0) {
                    zeros++;
                    largestZeroed = Math.max(largestZeroed, Math.abs(before[i]));
                } else {
                    assertThat(after[i]).isEqualTo(before[i]);
                    smallestKept = Math.min(smallestKept, Math.abs(before[i]));
                }
            }
            assertThat(zeros).isEqualTo((int) Math.floor(0.65 * before.length));
            assertThat(largestZeroed).isLessThanOrEqualTo(smallestKept);
            TreeSet<Float> levels = new TreeSet<>();
            for (float v : quantised.get(name)) {
                levels.add(v);
            }
            assertThat(levels.size()).isLessThanOrEqualTo(16);
        }
        assertThat(pruned.get("01Conv2d_bias")).isEqualTo(w.get("01Conv2d_bias"));
    }

    @Test
    void lastLayerRetrainingKeepsEveryOtherLayerBitForBit() {
        NetworkWeights w = weights(marked);
        ClassifierTraining.Fitted retrained = ClassifierTraining.fit(REFERENCE, split.train(), 1, 8, ModelAttacks.lastLayerRetraining(w), e -> {});
        NetworkWeights after = weights(retrained);
        for (String name : w.names()) {
            if (name.startsWith("10Linear")) {
                assertThat(after.get(name)).isNotEqualTo(w.get(name));
            } else {
                assertThat(after.get(name)).as(name).isEqualTo(w.get(name));
            }
        }
    }
}
