package org.cyberhealth.assess.exfiltration;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;

/**
 * The geometry of the attack's latent codes ({@code channels x height x width} symbols in [0, levels - 1] per
 * image), what the thief needs to rebuild images outside the lake: {@link #decode} builds the attack's decoder,
 * loads the smuggled weights into it and runs it. Also the two rates the report quotes: symbols packed at a fixed
 * width, and their measured zero-order entropy (what an arithmetic coder would approach; an upper bound for a
 * context model).
 */
public record Codes(int channels, int height, int width, int levels) {

    public int symbols() {
        return channels * height * width;
    }

    public int bitsPerSymbol() {
        return 32 - Integer.numberOfLeadingZeros(levels - 1);
    }

    /** Bits per image, each symbol stored in {@link #bitsPerSymbol()} bits. */
    public long packedBitsPerImage() {
        return (long) symbols() * bitsPerSymbol();
    }

    /** Empirical entropy of the symbols of {@code codes}, in bits per image (zero-order model). */
    public double entropyBitsPerImage(int[][] codes) {
        long[] counts = new long[levels];
        long total = 0;
        for (int[] image : codes) {
            for (int s : image) {
                counts[s]++;
                total++;
            }
        }
        double bits = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits * symbols();
    }

    /** Rebuilds images (rows of height*4 x width*4 pixels in [0, 1]) from codes with the smuggled decoder weights. */
    public float[][] decode(List<float[]> decoderWeights, int[][] codes) {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Block decoder = new StealingNetwork(2, channels, levels).decoder();
            decoder.initialize(manager, DataType.FLOAT32, new Shape(1, channels, height, width));
            List<Pair<String, Parameter>> parameters = decoder.getParameters().stream().toList();
            if (parameters.size() != decoderWeights.size()) {
                throw new IllegalArgumentException(decoderWeights.size() + " decoder tensors for " + parameters.size() + " parameters");
            }
            for (int k = 0; k < parameters.size(); k++) {
                parameters.get(k).getValue().getArray().set(decoderWeights.get(k));
            }
            ParameterStore store = new ParameterStore(manager, false);
            float[][] images = new float[codes.length][];
            for (int i = 0; i < codes.length; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    float[] symbols = new float[codes[i].length];
                    for (int q = 0; q < symbols.length; q++) {
                        symbols[q] = codes[i][q];
                    }
                    NDArray x = scope.create(symbols, new Shape(1, channels, height, width));
                    images[i] = decoder.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                    for (int q = 0; q < images[i].length; q++) {
                        // A corrupted decoder gives NaN: the thief would see black there.
                        images[i][q] = Float.isNaN(images[i][q]) ? 0f : images[i][q];
                    }
                }
            }
            return images;
        }
    }

    /** The decoder's tensor sizes, in its parameter order (how the thief cuts the smuggled floats). */
    public int[] decoderSizes() {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            Block decoder = new StealingNetwork(2, channels, levels).decoder();
            decoder.initialize(manager, DataType.FLOAT32, new Shape(1, channels, height, width));
            return decoder.getParameters().stream().mapToInt(p -> Math.toIntExact(p.getValue().getArray().size())).toArray();
        }
    }
}
