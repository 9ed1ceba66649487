package org.cyberhealth.he.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageLayersTest {

    /** A direct cross-correlation, written independently of the matrix form. */
    private static double[] convolve(double[] image, int channels, int side, double[] kernels, double[] bias, int filters, int k, int stride) {
        int out = (side - k) / stride + 1;
        double[] y = new double[filters * out * out];
        for (int f = 0; f < filters; f++) {
            for (int r = 0; r < out; r++) {
                for (int c = 0; c < out; c++) {
                    double sum = bias[f];
                    for (int ch = 0; ch < channels; ch++) {
                        for (int dr = 0; dr < k; dr++) {
                            for (int dc = 0; dc < k; dc++) {
                                sum += kernels[((f * channels + ch) * k + dr) * k + dc] * image[(ch * side + r * stride + dr) * side + c * stride + dc];
                            }
                        }
                    }
                    y[(f * out + r) * out + c] = sum;
                }
            }
        }
        return y;
    }

    @Test
    void aConvolutionAsAMatrixEqualsTheDirectConvolution() {
        Random random = new Random(3);
        int channels = 2;
        int side = 9;
        int filters = 3;
        int k = 3;
        int stride = 2;
        double[] kernels = random.doubles(filters * channels * k * k, -1, 1).toArray();
        double[] bias = random.doubles(filters, -1, 1).toArray();
        double[] image = random.doubles(channels * side * side, 0, 1).toArray();
        Layer.Affine layer = ImageLayers.convolution(new int[] {channels, side, side}, filters, k, stride, kernels, bias);
        assertThat(layer.outputSize()).isEqualTo(filters * 4 * 4);
        double[] expected = convolve(image, channels, side, kernels, bias, filters, k, stride);
        double[] actual = new HeModel(java.util.List.of(layer)).predict(image);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void averagePoolingTakesTheMeanOfEachWindowPerChannel() {
        double[] image = new double[2 * 4 * 4];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        Layer.Affine pool = ImageLayers.averagePooling(new int[] {2, 4, 4}, 2, 2);
        double[] y = new HeModel(java.util.List.of(pool)).predict(image);
        // Channel 0, top-left window: (0 + 1 + 4 + 5) / 4; channel 1, bottom-right: (26 + 27 + 30 + 31) / 4.
        assertThat(y).hasSize(8);
        assertThat(y[0]).isEqualTo(2.5);
        assertThat(y[7]).isEqualTo(28.5);
    }
}
