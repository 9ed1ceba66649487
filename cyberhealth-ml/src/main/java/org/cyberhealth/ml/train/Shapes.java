package org.cyberhealth.ml.train;

/** The channels x height x width that each layer of a network sees, for building and for export. */
final class Shapes {

    private Shapes() {}

    /** The shape after {@code layer}, given the shape before it ({c, h, w} for images, {n} for vectors). */
    static int[] after(LayerSpec layer, int[] shape) {
        if (layer instanceof LayerSpec.Dense dense) {
            return new int[] {dense.units()};
        }
        if (layer instanceof LayerSpec.Flatten) {
            return new int[] {size(shape)};
        }
        if (layer instanceof LayerSpec.Conv2d conv) {
            return new int[] {conv.filters(), out(shape[1], conv.kernel(), conv.stride()), out(shape[2], conv.kernel(), conv.stride())};
        }
        if (layer instanceof LayerSpec.AvgPool2d pool) {
            return new int[] {shape[0], out(shape[1], pool.size(), pool.stride()), out(shape[2], pool.size(), pool.stride())};
        }
        return shape;
    }

    static int size(int[] shape) {
        int size = 1;
        for (int extent : shape) {
            size *= extent;
        }
        return size;
    }

    private static int out(int extent, int window, int stride) {
        if (window > extent) {
            throw new IllegalArgumentException("a window of " + window + " does not fit in " + extent);
        }
        return (extent - window) / stride + 1;
    }
}
