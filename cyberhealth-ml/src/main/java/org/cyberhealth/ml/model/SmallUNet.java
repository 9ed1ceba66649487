package org.cyberhealth.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * A small 2D U-Net (Ronneberger, Fischer, Brox, MICCAI 2015) for single-channel images whose sides are
 * multiples of 4: two down-sampling levels (8, 16, 32 channels), each level two 3x3 convolutions with
 * ReLU (padded, so sizes are kept), 2x2 max-pooling down, up by nearest-neighbour doubling then a 3x3
 * convolution with ReLU (DJL's PyTorch engine has no transposed convolution; Odena et al., Distill 2016, also
 * prefer resize-convolution, free of checkerboard artefacts), the encoder's features concatenated to the
 * decoder's at each level (the skip connections), and a 1x1
 * convolution to one logit per class. About 34k parameters; no batch normalisation, so a prediction never
 * depends on the other images of its batch. DJL's parameter files hold numbers only, so the layout lives
 * here under {@link #NAME}.
 */
public final class SmallUNet {

    public static final String NAME = "small-unet";

    private SmallUNet() {}

    /** A fresh, uninitialised U-Net with {@code classes} output channels (logits). */
    public static Block build(int classes) {
        Block bottom = new SequentialBlock().add(down()).add(twoConvolutions(32)).add(up(16));
        Block middle = new SequentialBlock().add(down()).add(twoConvolutions(16)).add(skip(bottom)).add(twoConvolutions(16)).add(up(8));
        return new SequentialBlock()
                .add(twoConvolutions(8))
                .add(skip(middle))
                .add(twoConvolutions(8))
                .add(Conv2d.builder().setFilters(classes).setKernelShape(new Shape(1, 1)).build());
    }

    /** The input beside {@code inner}'s output, concatenated along the channels. */
    private static Block skip(Block inner) {
        return new ParallelBlock(outputs -> new NDList(NDArrays.concat(
                new NDList(outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow()), 1)),
                List.of(Blocks.identityBlock(), inner));
    }

    private static Block twoConvolutions(int filters) {
        return new SequentialBlock().add(conv(filters)).add(Activation.reluBlock()).add(conv(filters)).add(Activation.reluBlock());
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build();
    }

    private static Block down() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    private static Block up(int filters) {
        return new SequentialBlock().add(new LambdaBlock(list -> new NDList(doubled(list.singletonOrThrow())))).add(conv(filters))
                .add(Activation.reluBlock());
    }

    /** Each pixel of (N, C, H, W) repeated into a 2 x 2 block: (N, C, 2H, 2W). */
    static NDArray doubled(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }
}
