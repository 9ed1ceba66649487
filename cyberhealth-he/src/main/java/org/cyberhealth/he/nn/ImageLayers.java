package org.cyberhealth.he.nn;

/**
 * Convolution and average pooling written as the affine maps they are, on images flattened channel by
 * channel, row by row. Encrypted inference then treats them as any other matrix: the diagonal method
 * only visits the matrix's non-zero diagonals, so the zeros of these sparse matrices cost nothing.
 */
final class ImageLayers {

    private ImageLayers() {}

    /** The side of the output of a window of {@code window} moved by {@code stride} over {@code extent}, no padding. */
    static int outputSide(int extent, int window, int stride) {
        if (window < 1 || stride < 1 || window > extent) {
            throw new IllegalArgumentException("a window of " + window + " with stride " + stride + " does not fit in " + extent);
        }
        return (extent - window) / stride + 1;
    }

    /**
     * A convolution without padding (cross-correlation, as PyTorch computes it) of {@code filters}
     * kernels, weights ordered filter, channel, kernel row, kernel column.
     */
    static Layer.Affine convolution(int[] shape, int filters, int kernel, int stride, double[] weights, double[] bias) {
        int channels = shape[0];
        int height = shape[1];
        int width = shape[2];
        if (weights.length != (long) filters * channels * kernel * kernel || bias.length != filters) {
            throw new IllegalArgumentException("a convolution of " + filters + " filters of " + channels + " x " + kernel + " x " + kernel
                    + " needs " + filters * channels * kernel * kernel + " weights and " + filters + " biases");
        }
        int outHeight = outputSide(height, kernel, stride);
        int outWidth = outputSide(width, kernel, stride);
        double[][] matrix = new double[filters * outHeight * outWidth][channels * height * width];
        double[] offsets = new double[matrix.length];
        for (int f = 0; f < filters; f++) {
            for (int r = 0; r < outHeight; r++) {
                for (int c = 0; c < outWidth; c++) {
                    int row = (f * outHeight + r) * outWidth + c;
                    offsets[row] = bias[f];
                    for (int ch = 0; ch < channels; ch++) {
                        for (int kr = 0; kr < kernel; kr++) {
                            for (int kc = 0; kc < kernel; kc++) {
                                int column = (ch * height + r * stride + kr) * width + c * stride + kc;
                                matrix[row][column] = weights[((f * channels + ch) * kernel + kr) * kernel + kc];
                            }
                        }
                    }
                }
            }
        }
        return new Layer.Affine(matrix, offsets);
    }

    /** The mean of each {@code size} x {@code size} window, channel by channel. */
    static Layer.Affine averagePooling(int[] shape, int size, int stride) {
        int channels = shape[0];
        int height = shape[1];
        int width = shape[2];
        int outHeight = outputSide(height, size, stride);
        int outWidth = outputSide(width, size, stride);
        double[][] matrix = new double[channels * outHeight * outWidth][channels * height * width];
        double share = 1.0 / (size * size);
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < outHeight; r++) {
                for (int c = 0; c < outWidth; c++) {
                    double[] row = matrix[(ch * outHeight + r) * outWidth + c];
                    for (int kr = 0; kr < size; kr++) {
                        for (int kc = 0; kc < size; kc++) {
                            row[(ch * height + r * stride + kr) * width + c * stride + kc] = share;
                        }
                    }
                }
            }
        }
        return new Layer.Affine(matrix, new double[matrix.length]);
    }
}
