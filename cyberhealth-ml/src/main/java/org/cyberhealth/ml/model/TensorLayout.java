package org.cyberhealth.ml.model;

import ai.djl.ndarray.NDArray;

/**
 * How the network wants its input tensor laid out, declared next to the model: channels first (NCHW,
 * PyTorch's habit) or last (NHWC, TensorFlow's), and whether the colour channels come in reverse order
 * (BGR, OpenCV's). Images inside CyberHealth are always channel, row, column in the declared order; the
 * model wrapper rearranges them just before the network.
 */
public record TensorLayout(boolean channelsLast, boolean reversedChannels) {

    /** PyTorch's layout: channels first, in the declared order. */
    public static final TensorLayout NCHW = new TensorLayout(false, false);

    /** Parses the descriptor's {@code layout} ("NCHW" or "NHWC") and {@code channelOrder} ("as-declared" or "reversed"). */
    public static TensorLayout of(String layout, String channelOrder) {
        boolean last = switch (layout) {
            case "NCHW" -> false;
            case "NHWC" -> true;
            default -> throw new IllegalArgumentException("layout must be NCHW or NHWC, not '" + layout + "'");
        };
        boolean reversed = switch (channelOrder) {
            case "as-declared" -> false;
            case "reversed" -> true;
            default -> throw new IllegalArgumentException("channelOrder must be 'as-declared' or 'reversed', not '" + channelOrder + "'");
        };
        return new TensorLayout(last, reversed);
    }

    /** The descriptor's spelling of {@link #channelsLast()}. */
    public String layoutName() {
        return channelsLast ? "NHWC" : "NCHW";
    }

    /** The descriptor's spelling of {@link #reversedChannels()}. */
    public String channelOrderName() {
        return reversedChannels ? "reversed" : "as-declared";
    }

    /** Rearranges a batch of shape (n, c, h, w) for the network (differentiable). */
    NDArray arrange(NDArray nchw) {
        NDArray x = reversedChannels ? nchw.flip(1) : nchw;
        return channelsLast ? x.transpose(0, 2, 3, 1) : x;
    }

    /** Rearranges one flattened image (c, h, w) for the network, into a new array. */
    float[] arrange(float[] image, InputSpec input) {
        int c = input.channels();
        int plane = input.height() * input.width();
        float[] out = new float[image.length];
        for (int k = 0; k < c; k++) {
            int source = reversedChannels ? c - 1 - k : k;
            for (int p = 0; p < plane; p++) {
                out[channelsLast ? p * c + k : k * plane + p] = image[source * plane + p];
            }
        }
        return out;
    }
}
