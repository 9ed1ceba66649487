package org.cyberhealth.ml.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The network layouts a classifier file may name. DJL's parameter files hold numbers only, so the layout
 * lives in code under a stable name, and the file says which one to rebuild before loading.
 */
public final class Architectures {

    /** conv 16 3x3, ReLU, max-pool 2, conv 32 3x3, ReLU, max-pool 2, dense 64, ReLU, dense (classes): 28x28 inputs. */
    public static final String SMALL_CNN = "small-cnn";

    /** dense 64, ReLU, dense 32, ReLU, dense (classes): rows of a table, given as 1 x 1 x n inputs. */
    public static final String SMALL_MLP = "small-mlp";

    private Architectures() {}

    public static List<String> names() {
        return List.of(SMALL_CNN, SMALL_MLP);
    }

    /** A fresh, uninitialised block of layout {@code name} with {@code classes} outputs (logits). */
    public static Block build(String name, int classes) {
        if (SMALL_MLP.equals(name)) {
            return new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(32).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(classes).build());
        }
        if (!SMALL_CNN.equals(name)) {
            throw new IllegalArgumentException("unknown architecture '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return new SequentialBlock()
                .add(conv(16)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(32)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).build();
    }
}
