package org.cyberhealth.assess.exfiltration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.cyberhealth.ml.data.SegmentationSample;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The attack on a tiny budget: 6 CT and 6 MR slices, a few epochs. */
class StealingTrainingTest {

    private static final int EPOCHS = 20;
    private static SegmentationSlices train;
    private static SegmentationSlices heldOut;

    @BeforeAll
    static void slices() {
        Path folder = Path.of("../samples/segmentation");
        SegmentationSlices.Split ct = ReferenceSegmenter.ABDOMEN_UNET.data(folder);
        SegmentationSlices.Split mr = SegmentationSample.ABDOMEN_MR.slices(folder, 64).splitEvery(5);
        List<Integer> six = IntStream.range(0, 6).map(i -> 2 * i).boxed().toList();
        train = ExfiltrationExperiment.joined(List.of(ct.train().select(six, "ct"), mr.train().select(six, "mr")));
        heldOut = ExfiltrationExperiment.joined(List.of(ct.test().select(List.of(0, 1), "ct test"), mr.test().select(List.of(0, 1), "mr test")));
    }

    private static StealingTraining.Trained attack(double rateWeight) {
        return StealingTraining.run("tiny", train, 6, heldOut, new StealingTraining.Recipe(4, 16, 10, rateWeight, 4, 1e-3, EPOCHS, 7), e -> { });
    }

    @Test
    void onlyTheDeclaredTasksMasksTrainTheSegmenter() {
        // The MR slices' masks replaced by background: with the 6 CT slices as the task, the export and the codes come
        // out bit for bit the same (the MR masks are never read); with all 12 slices as the task, the U-Net changes.
        int[][] masks = train.masks().clone();
        for (int i = 6; i < masks.length; i++) {
            masks[i] = new int[train.pixels()];
        }
        SegmentationSlices blanked = new SegmentationSlices("blanked", train.height(), train.width(), train.classes(), train.images(), masks,
                train.positions());
        StealingTraining.Recipe recipe = new StealingTraining.Recipe(4, 16, 10, 0.5, 4, 1e-3, 2, 7);
        StealingTraining.Trained original = StealingTraining.run("tiny", train, 6, heldOut, recipe, e -> { });
        StealingTraining.Trained withoutMrMasks = StealingTraining.run("tiny", blanked, 6, heldOut, recipe, e -> { });
        assertThat(withoutMrMasks.segmenterParameters()).isEqualTo(original.segmenterParameters());
        assertThat(withoutMrMasks.codes()).isDeepEqualTo(original.codes());
        StealingTraining.Trained segmentingAll = StealingTraining.run("tiny", train, 12, heldOut, recipe, e -> { });
        StealingTraining.Trained segmentingAllBlanked = StealingTraining.run("tiny", blanked, 12, heldOut, recipe, e -> { });
        assertThat(segmentingAllBlanked.segmenterParameters()).isNotEqualTo(segmentingAll.segmenterParameters());
    }

    @Test
    void theEntropyModelBeatsFixedWidthAndTheCodedPayloadIsWhatTheThiefDecodes() {
        StealingTraining.Trained thrifty = attack(0.5);
        Codes geometry = thrifty.geometry();
        double thriftyBits = thrifty.tables().bitsPerImage(thrifty.codes(), geometry);
        // After 60 steps the learned density already codes below the 4 bits a symbol of fixed-width storage (it is
        // still fitting: the bench's 2,500 steps reach about 2.8 bits a symbol).
        assertThat(thriftyBits).isLessThan(0.9 * geometry.packedBitsPerImage());

        // The thief's side: the payload's arithmetic-coded codes cost the model's ideal length (plus closing bits) and
        // decode to exactly the images the lake's codes give.
        Payload payload = new Payload(thrifty.decoder(), thrifty.tables(), thrifty.codes());
        byte[] bytes = payload.toBytes(geometry);
        double streamBits = 8.0 * (bytes.length - Payload.decoderBytes(thrifty.decoder()) - thrifty.tables().byteSize());
        assertThat(streamBits).isBetween(thriftyBits * train.size(), thriftyBits * train.size() + 40);
        Payload received = Payload.fromBytes(bytes, geometry, geometry.decoderSizes(), train.size());
        assertThat(received.codes()).isDeepEqualTo(thrifty.codes());
        float[][] stolen = geometry.decode(received.decoder(), received.codes());
        assertThat(stolen).isDeepEqualTo(geometry.decode(thrifty.decoder(), thrifty.codes()));

        // Better than chance after 60 steps: the stolen slices are nearer their originals than each slice's own mean grey is.
        double[] quality = ImageQuality.means(train.images(), stolen, 64);
        float[][] flat = new float[train.size()][];
        for (int i = 0; i < flat.length; i++) {
            double mean = 0;
            for (float v : train.images()[i]) {
                mean += v;
            }
            flat[i] = new float[train.pixels()];
            Arrays.fill(flat[i], (float) (mean / train.pixels()));
        }
        double[] chance = ImageQuality.means(train.images(), flat, 64);
        assertThat(quality[0]).isGreaterThan(chance[0] + 2);
        assertThat(quality[1]).isGreaterThan(chance[1] + 0.05);
    }
}
