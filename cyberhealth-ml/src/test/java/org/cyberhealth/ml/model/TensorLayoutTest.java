package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The two rearrangements (tensor, for white-box models; plain arrays, for ONNX) must agree. */
class TensorLayoutTest {

    private static final InputSpec RGB = new InputSpec(3, 2, 4, 0f, 1f, new float[3], new float[] {1, 1, 1});

    @Test
    void tensorAndArrayRearrangementsAgreeForEveryLayout() {
        float[] image = new float[RGB.size()];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String layout : new String[] {"NCHW", "NHWC"}) {
                for (String order : new String[] {"as-declared", "reversed"}) {
                    TensorLayout l = TensorLayout.of(layout, order);
                    float[] fromTensor = l.arrange(manager.create(image, new Shape(1, 3, 2, 4))).toFloatArray();
                    assertThat(l.arrange(image, RGB)).as(layout + " " + order).containsExactly(fromTensor);
                }
            }
        }
        // Channels last, reversed: pixel 0 holds (B, G, R) = (16, 8, 0).
        assertThat(TensorLayout.of("NHWC", "reversed").arrange(image, RGB)).startsWith(16f, 8f, 0f, 17f, 9f, 1f);
        assertThat(TensorLayout.NCHW.arrange(image, RGB)).containsExactly(image);
    }

    @Test
    void unknownSpellingsAreRefused() {
        assertThatThrownBy(() -> TensorLayout.of("CHW", "as-declared")).hasMessageContaining("NCHW or NHWC");
        assertThatThrownBy(() -> TensorLayout.of("NCHW", "bgr")).hasMessageContaining("'as-declared' or 'reversed'");
    }
}
