package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmenterTrainingTest {

    static final Path SAMPLES = Path.of("../samples/segmentation");
    static final Path COMMITTED = Path.of("../models/abdomen-unet.json");

    @Test
    void theCommittedReferenceUNetSegmentsTheHeldOutSlicesWell() {
        SegmentationSlices test = ReferenceSegmenter.ABDOMEN_UNET.data(SAMPLES).test();
        SegmenterFile file = SegmenterFile.read(COMMITTED);
        assertThat(file.classes()).containsExactly("background", "liver", "spleen", "kidneys", "stomach");
        try (DjlSegmenter unet = file.open()) {
            SegmentationScores scores = SegmentationScores.of(unet.predictMasks(test.images()), test.masks(), 5);
            // Recorded at training: mean 0.918 (liver 0.956, spleen 0.946, kidneys 0.887, stomach 0.883).
            assertThat(scores.meanDice()).isGreaterThan(0.9);
            for (int c = 1; c < 5; c++) {
                assertThat(scores.dice()[c]).as(test.classes().get(c)).isGreaterThan(0.85);
            }
            assertThat(scores.meanDice()).isCloseTo(file.training().path("testMeanDice").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aShortRunLearnsAndAWrittenModelPredictsBitForBitTheSame(@TempDir Path dir) {
        SegmenterTraining.Trained trained = SegmenterTraining.run(ReferenceSegmenter.ABDOMEN_UNET, SAMPLES, 12, 7, epoch -> { });
        // Far from the full recipe's 0.92, but well above a constant background answer (0).
        assertThat(trained.test().meanDice()).isGreaterThan(0.3);
        Path descriptor = dir.resolve("unet.json");
        trained.write(descriptor, false);
        assertThat(Files.exists(dir.resolve("unet.params"))).isTrue();
        assertThatThrownBy(() -> trained.write(descriptor, false)).isInstanceOf(RuntimeException.class);
        float[][] images = ReferenceSegmenter.ABDOMEN_UNET.data(SAMPLES).test().images();
        try (DjlSegmenter before = trained.load(); DjlSegmenter after = SegmenterFile.read(descriptor).open()) {
            assertThat(after.predict(images)).isDeepEqualTo(before.predict(images));
            assertThat(after.input()).isEqualTo(before.input());
        }
    }

    @Test
    void fineTuningMovesOnlyTheTensorsGivenARateAndARateOfZeroKeepsTheirBits() throws Exception {
        SegmenterFile file = SegmenterFile.read(COMMITTED);
        SegmenterTraining.Fitted start = new SegmenterTraining.Fitted("abdomen-unet", file.input(), file.classes(),
                Files.readAllBytes(Path.of("../models/abdomen-unet.params")));
        SegmentationSlices train = ReferenceSegmenter.ABDOMEN_UNET.data(SAMPLES).train();
        double[] rates = new double[26];
        rates[24] = 1e-3;
        rates[25] = 1e-3;
        SegmenterTraining.Fitted tuned = SegmenterTraining.fineTune(start, train, rates, 4, 1, 7);
        float[][] before = tensors(start);
        float[][] after = tensors(tuned);
        for (int k = 0; k < 24; k++) {
            assertThat(after[k]).as("tensor %d", k).isEqualTo(before[k]);
        }
        assertThat(after[24]).isNotEqualTo(before[24]);
        assertThat(after[25]).isNotEqualTo(before[25]);
        assertThat(SegmenterTraining.fineTune(start, train, rates, 4, 1, 7).parameters()).isEqualTo(tuned.parameters());
        assertThatThrownBy(() -> SegmenterTraining.fineTune(start, train, new double[3], 4, 1, 7)).hasMessageContaining("3 learning rates");
    }

    private static float[][] tensors(SegmenterTraining.Fitted fitted) {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.nn.Block block = SmallUNet.build(fitted.classes().size());
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1, 64, 64));
            block.loadParameters(manager, new java.io.DataInputStream(new java.io.ByteArrayInputStream(fitted.parameters())));
            return block.getParameters().values().stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDescriptorOfAnotherFormatOrArchitectureIsRefused(@TempDir Path dir) throws Exception {
        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(COMMITTED).replace("small-unet", "big-unet"));
        assertThatThrownBy(() -> SegmenterFile.read(other)).isInstanceOf(BadInputException.class).hasMessageContaining("big-unet");
        Files.writeString(other, Files.readString(COMMITTED).replace("cyberhealth-segmenter/1", "cyberhealth-classifier/1"));
        assertThatThrownBy(() -> SegmenterFile.read(other)).isInstanceOf(BadInputException.class).hasMessageContaining("not a");
        Files.writeString(other, Files.readString(COMMITTED));
        assertThatThrownBy(() -> SegmenterFile.read(other).open()).isInstanceOf(BadInputException.class).hasMessageContaining("no such file");
    }
}
