package org.cyberhealth.assess.exfiltration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import org.junit.jupiter.api.Test;

class StolenDataUtilityTest {

    private static final int EPOCHS = 10;

    @Test
    void perfectlyStolenSlicesTrainTheSameNetworkAndNoiseTrainsAWorseOne() {
        SegmentationSlices.Split split = ReferenceSegmenter.ABDOMEN_UNET.data(Path.of("../samples/segmentation"));
        float[][] copies = new float[split.train().size()][];
        float[][] noise = new float[split.train().size()][];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < copies.length; i++) {
            copies[i] = split.train().images()[i].clone();
            noise[i] = new float[copies[i].length];
            for (int p = 0; p < noise[i].length; p++) {
                noise[i][p] = (float) random.nextDouble();
            }
        }
        StolenDataUtility.Result exact = StolenDataUtility.measure(split, copies, 4, 3e-3, EPOCHS, 7);
        // Same recipe, seed and pixels: one thread makes training deterministic, so the two networks are the same.
        assertThat(exact.stolenDice()).isEqualTo(exact.originalDice());
        assertThat(exact.originalDice()).isGreaterThan(0.25);
        StolenDataUtility.Result useless = StolenDataUtility.measure(split, noise, 4, 3e-3, EPOCHS, 7);
        assertThat(useless.originalDice()).isEqualTo(exact.originalDice());
        assertThat(useless.gap()).isGreaterThan(0.1);
    }
}
