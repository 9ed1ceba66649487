package org.cyberhealth.assess.evasion.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.DjlSegmenter;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import org.cyberhealth.ml.model.SegmenterFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PGD on the committed reference U-Net and its 6 held-out CT slices (liver 1, spleen 2, kidneys 3, stomach 4). */
class SegmentationPgdTest {

    private static DjlSegmenter unet;
    private static SegmentationSlices test;

    @BeforeAll
    static void open() {
        test = ReferenceSegmenter.ABDOMEN_UNET.data(Path.of("../samples/segmentation")).test();
        unet = SegmenterFile.read(Path.of("../models/abdomen-unet.json")).open();
    }

    @AfterAll
    static void close() {
        unet.close();
    }

    @Test
    void everyAttackStaysWithinEpsAndTheUnitRangeAndLeavesItsInputsAlone() {
        double eps = 8 / 255.0;
        for (Goal goal : Goal.values()) {
            float[][] before = copy(test.images());
            float[][] adversarial = new SegmentationPgd(goal, 2, eps, 3, 1).generate(unet, test.images(), test.masks());
            assertThat(test.images()).isDeepEqualTo(before);
            double largest = 0;
            for (int i = 0; i < adversarial.length; i++) {
                for (int q = 0; q < adversarial[i].length; q++) {
                    assertThat(adversarial[i][q]).isBetween(0f, 1f);
                    largest = Math.max(largest, Math.abs(adversarial[i][q] - test.images()[i][q]));
                }
            }
            // Float rounding of x + delta: within one ulp of the budget; and the budget is used.
            assertThat(largest).as(goal.id()).isLessThanOrEqualTo(eps + 1e-6).isGreaterThan(0.9 * eps);
        }
        assertThat(new SegmentationPgd(Goal.UNTARGETED, 0, 0, 5, 1).generate(unet, test.images(), test.masks())).isDeepEqualTo(test.images());
    }

    @Test
    void untargetedPgdAtEightOver255CutsTheMeanDiceByMoreThanAQuarter() {
        SegmentationResult r = SegmentationEvaluation.run(unet, new SegmentationPgd(Goal.UNTARGETED, 0, 8 / 255.0, 10, 1), test, 64, n -> { });
        // Measured: 0.918 to 0.542.
        assertThat(r.clean().meanDice()).isGreaterThan(0.9);
        assertThat(r.diceDrop()).isGreaterThan(0.25);
        assertThat(r.maxLinf()).isLessThanOrEqualTo(8 / 255.0 + 1e-6);
    }

    @Test
    void erasingTheLiverAtSixteenOver255RemovesMostOfItsPredictedPixels() {
        SegmentationResult r = SegmentationEvaluation.run(unet, new SegmentationPgd(Goal.ERASE, 1, 16 / 255.0, 20, 1), test, 64, n -> { });
        // Measured: 1831 liver pixels predicted before, 276 after (85% removed); 85% of the true liver pixels turned background.
        assertThat(r.organRemoved()).isGreaterThan(0.75);
        assertThat(r.targetSuccess()).isGreaterThan(0.75);
        assertThat(r.cleanTargetSuccess()).isLessThan(0.15);
        // The rest of the mask is held: the other organs keep a Dice above 0.85.
        for (int c = 2; c <= 4; c++) {
            assertThat(r.attacked().dice()[c]).as(test.classes().get(c)).isGreaterThan(0.85);
        }
    }

    @Test
    void targetMasksEraseOrInjectOnlyWhatTheySay() {
        int[] truth = {0, 1, 1, 2, 0, 0, 2, 0, 0};
        assertThat(TargetMasks.erase(truth, 1)).containsExactly(0, 0, 0, 2, 0, 0, 2, 0, 0);
        // A disc of radius 1 at the centre of a 3 x 3 image: the centre and its 4 neighbours, background ones only.
        assertThat(TargetMasks.inject(truth, 3, 3, 3, 1)).containsExactly(0, 1, 1, 2, 3, 3, 2, 3, 0);
        assertThatThrownBy(() -> new SegmentationPgd(Goal.ERASE, 0, 0.1, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Goal.byId("flip")).hasMessageContaining("untargeted, erase, inject");
    }

    private static float[][] copy(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }
}
