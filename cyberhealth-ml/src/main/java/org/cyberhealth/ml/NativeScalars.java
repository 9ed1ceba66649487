package org.cyberhealth.ml;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant on tensors that autograd records, with the constant's memory owned by PyTorch.
 *
 * <p>DJL's {@code x.mul(c)}, {@code x.div(c)} and {@code x.maximum(c)} for a Java number wrap {@code c} in a tensor
 * over a Java direct buffer, apply the operation and close that tensor at once. Autograd keeps the tensor for the
 * backward pass (the gradient of x * c is c times the incoming one), but once it is closed nothing in Java holds the
 * buffer: a garbage collection between the forward and the backward pass frees its memory, and the backward pass
 * reads whatever was written there since. Which steps that hits depends on when the collector runs, so the same seed
 * gave different trainings from one JVM to the next. Here the constant is made by PyTorch, which counts its
 * references, so closing the Java side early is safe.
 */
public final class NativeScalars {

    private NativeScalars() {}

    /** {@code x * c}. */
    public static NDArray times(NDArray x, float c) {
        try (NDArray scalar = of(x, c)) {
            return x.mul(scalar);
        }
    }

    /** {@code x / c}. */
    public static NDArray over(NDArray x, float c) {
        try (NDArray scalar = of(x, c)) {
            return x.div(scalar);
        }
    }

    /** The elementwise maximum of {@code x} and {@code c}. */
    public static NDArray atLeast(NDArray x, float c) {
        try (NDArray scalar = of(x, c)) {
            return x.maximum(scalar);
        }
    }

    private static NDArray of(NDArray x, float c) {
        return x.getManager().full(new Shape(), c, x.getDataType());
    }
}
