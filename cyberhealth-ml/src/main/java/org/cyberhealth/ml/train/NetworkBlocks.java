package org.cyberhealth.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.cyberhealth.ml.NativeScalars;

/** Builds the DJL (PyTorch engine) block that trains a network described by {@link LayerSpec}s. */
final class NetworkBlocks {

    private NetworkBlocks() {}

    static SequentialBlock of(List<LayerSpec> layers) {
        SequentialBlock block = new SequentialBlock();
        for (LayerSpec layer : layers) {
            block.add(blockFor(layer));
        }
        return block;
    }

    private static Block blockFor(LayerSpec layer) {
        if (layer instanceof LayerSpec.Dense dense) {
            return Linear.builder().setUnits(dense.units()).build();
        }
        if (layer instanceof LayerSpec.Conv2d conv) {
            return Conv2d.builder().setFilters(conv.filters()).setKernelShape(new Shape(conv.kernel(), conv.kernel()))
                    .optStride(new Shape(conv.stride(), conv.stride())).build();
        }
        if (layer instanceof LayerSpec.AvgPool2d pool) {
            return Pool.avgPool2dBlock(new Shape(pool.size(), pool.size()), new Shape(pool.stride(), pool.stride()));
        }
        if (layer instanceof LayerSpec.Flatten) {
            return Blocks.batchFlattenBlock();
        }
        double[] c = ((LayerSpec.Polynomial) layer).coefficients();
        return new LambdaBlock(inputs -> new NDList(polynomial(inputs.singletonOrThrow(), c)), "polynomial");
    }

    /** Horner's rule on tensors, so the gradient flows through exactly the polynomial CKKS evaluates. */
    private static NDArray polynomial(NDArray x, double[] c) {
        NDArray value = NativeScalars.times(x, (float) c[c.length - 1]);
        for (int i = c.length - 2; i >= 1; i--) {
            value = value.add((float) c[i]).mul(x);
        }
        return value.add((float) c[0]);
    }
}
