package org.cyberhealth.assess.exfiltration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import org.junit.jupiter.api.Test;

/** Fine-tuning at export (Thellier et al. 2025) on the committed abdomen-unet carrying a whitened low-bit payload. */
class LayerwiseFineTuningTest {

    @Test
    void theRatesDecayFromTheOutputLayerBackwards() throws IOException {
        DeclaredTask task = DeclaredTask.read(Path.of("../models/abdomen-unet.json"));
        SegmentationSlices train = ReferenceSegmenter.ABDOMEN_UNET.data(Path.of("../samples/segmentation")).train();
        LayerwiseFineTuning tuning = new LayerwiseFineTuning(task, train, 1e-3, 0.5, 1, 4, 7);
        double[] rates = tuning.rates(ExportedWeights.read(Files.readAllBytes(Path.of("../models/abdomen-unet.params")), task).values());
        // 13 convolutions, each a weight and a bias: the 1x1 output convolution gets the rate, the first 3x3 one 0.5^12 of it.
        assertThat(rates).hasSize(26);
        assertThat(rates[25]).isEqualTo(1e-3);
        assertThat(rates[24]).isEqualTo(1e-3);
        assertThat(rates[23]).isEqualTo(5e-4);
        assertThat(rates[0]).isEqualTo(rates[1]).isCloseTo(1e-3 / 4096, within(1e-15));
    }

    @Test
    void fineTuningRewritesTheLowBitsOfEveryWeightThatLearnsAndKeepsTheTask() throws IOException {
        DeclaredTask task = DeclaredTask.read(Path.of("../models/abdomen-unet.json"));
        byte[] honest = Files.readAllBytes(Path.of("../models/abdomen-unet.params"));
        SegmentationSlices.Split split = ReferenceSegmenter.ABDOMEN_UNET.data(Path.of("../samples/segmentation"));
        List<float[]> weights = ExportedWeights.read(honest, task).values();
        byte[] payload = new byte[30_000];
        new SplittableRandom(5).nextBytes(payload);
        LowBitChannel channel = new LowBitChannel(8);
        List<float[]> carrier = channel.embed(weights, payload);
        // One epoch (6 steps) already moves every weight that learns; the default is 5.
        LayerwiseFineTuning standard = LayerwiseFineTuning.standard(task, split.train());
        LayerwiseFineTuning tuning = new LayerwiseFineTuning(task, split.train(), standard.learningRate(), standard.decay(), 1, 4, 7);
        List<float[]> tuned = tuning.apply(carrier);
        byte[] read = channel.extract(tuned, payload.length);
        long wrong = 0;
        for (int k = 0; k < payload.length; k++) {
            wrong += Integer.bitCount((payload[k] ^ read[k]) & 0xff);
        }
        // Every weight that gets a gradient moves by far more than its low 8 mantissa bits (a coin toss each); the weights of
        // channels the ReLUs never open get none and keep their bits: about 30% of abdomen-unet's, hence 0.35 and not 0.5.
        assertThat(wrong / (8.0 * payload.length)).isBetween(0.3, 0.45);
        double before = ExfiltrationExperiment.dice(task, honest, split.test());
        double after = ExfiltrationExperiment.dice(task, ExportedWeights.write(task, tuned), split.test());
        assertThat(after).isGreaterThan(before - 0.02);
        assertThat(tuning.apply(carrier).get(0)).isEqualTo(tuned.get(0));
        // Followed by bfloat16 rounding (--sanitise finetune,bf16), nothing is left below bfloat16 precision in any weight,
        // learning or not, for the same Dice.
        List<float[]> cleared = new Sanitiser.MantissaRounding(7).apply(tuned);
        for (float[] tensor : cleared) {
            for (float w : tensor) {
                assertThat(Float.floatToRawIntBits(w) & 0xffff).isZero();
            }
        }
        assertThat(ExfiltrationExperiment.dice(task, ExportedWeights.write(task, cleared), split.test())).isGreaterThan(before - 0.02);
    }
}
