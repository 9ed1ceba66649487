package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A segmentation network from PyTorch (models/torch/make_segmenter_fixture.py: TorchScript, 5 classes on
 * 64 x 64) loads from its descriptor as a white-box segmenter: PyTorch's outputs, and input gradients.
 */
class TorchScriptSegmenterTest {

    private static final Path DESCRIPTOR = Path.of("../models/torch/abdomen-seg-torch.pt.json");

    /** The fixture's input: a ramp with a bright disc, as the script builds it. */
    private static float[] fixedInput() {
        float[] image = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                boolean disc = (x - 40) * (x - 40) + (y - 24) * (y - 24) < 100;
                image[y * 64 + x] = disc ? 1f : (x + y) / 126f;
            }
        }
        return image;
    }

    @Test
    void givesPyTorchsClassProbabilitiesPixelByPixel() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Files.readString(Path.of("../models/torch/abdomen-seg-torch.expected.json")));
        try (DjlSegmenter segmenter = SegmenterFile.read(DESCRIPTOR).open()) {
            float[] p = segmenter.predict(new float[][] {fixedInput()})[0];
            for (int k = 0; k < expected.path("pixels").size(); k++) {
                int y = expected.path("pixels").get(k).get(0).asInt();
                int x = expected.path("pixels").get(k).get(1).asInt();
                JsonNode logits = expected.path("logits").get(k);
                double sum = 0;
                for (int c = 0; c < 5; c++) {
                    sum += Math.exp(logits.get(c).asDouble());
                }
                for (int c = 0; c < 5; c++) {
                    double want = Math.exp(logits.get(c).asDouble()) / sum;
                    assertThat((double) p[c * 64 * 64 + y * 64 + x]).as("class %d at (%d, %d)", c, y, x).isCloseTo(want, offset(1e-5));
                }
            }
        }
    }

    @Test
    void givesInputGradientsThatPredictTheLossChange() {
        try (DjlSegmenter segmenter = SegmenterFile.read(DESCRIPTOR).open()) {
            float[] image = fixedInput();
            int[][] target = {new int[64 * 64]};
            WhiteBoxSegmenter.LossGradient g = segmenter.lossGradient(new float[][] {image}, target, null);
            double norm2 = 0;
            for (float v : g.gradient()[0]) {
                norm2 += (double) v * v;
            }
            assertThat(norm2).isPositive();
            double step = 1e-3 / Math.sqrt(norm2);
            float[] moved = image.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] = (float) Math.min(1, Math.max(0, image[i] + step * g.gradient()[0][i]));
            }
            double change = segmenter.lossGradient(new float[][] {moved}, target, null).loss()[0] - g.loss()[0];
            // A first-order step: the loss grows by about step * |gradient|^2 (clipping at 1 trims a little).
            assertThat(change).isCloseTo(step * norm2, offset(0.3 * step * norm2));
        }
    }
}
