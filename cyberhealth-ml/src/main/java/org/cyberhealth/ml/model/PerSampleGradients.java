package org.cyberhealth.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradient step of DP-SGD (Abadi et al., CCS 2016, Algorithm 1: "compute gradient", "clip gradient") on a block
 * being trained: each image's loss gradient with respect to all the weights, clipped to an L2 norm and summed. DJL
 * exposes no per-sample gradient (PyTorch's vmap), so each image gets its own forward and backward pass. Gradients are
 * handled as one flat vector over the trainable parameters, in the block's order.
 */
public final class PerSampleGradients {

    private final Trainer trainer;
    private final List<Parameter> parameters = new ArrayList<>();
    private final int size;

    public PerSampleGradients(Trainer trainer) {
        this.trainer = trainer;
        int total = 0;
        for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
            if (p.getValue().requiresGradient()) {
                parameters.add(p.getValue());
                total += (int) p.getValue().getArray().size();
            }
        }
        this.size = total;
    }

    /** The number of trainable weights (the length of a gradient vector). */
    public int size() {
        return size;
    }

    /**
     * The sum over the images of {@code images} (a batch along the first axis) of each image's loss gradient scaled by
     * min(1, clipNorm / its norm); {@code norms}, when not null, receives each image's norm before clipping. An infinite
     * {@code clipNorm} sums the raw gradients.
     */
    public float[] clippedSum(NDArray images, NDArray labels, double clipNorm, double[] norms) {
        float[] sum = new float[size];
        clearGradients();
        long count = images.getShape().get(0);
        for (int i = 0; i < count; i++) {
            try (NDArray x = images.get(i).expandDims(0); NDArray y = labels.get(i).expandDims(0)) {
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList out = trainer.forward(new NDList(x));
                    try (NDArray loss = trainer.getLoss().evaluate(new NDList(y), out)) {
                        collector.backward(loss);
                    }
                    out.close();
                }
            }
            float[] g = readAndClearGradients();
            double squares = 0;
            for (float v : g) {
                squares += (double) v * v;
            }
            double norm = Math.sqrt(squares);
            if (norms != null) {
                norms[i] = norm;
            }
            double scale = norm > clipNorm ? clipNorm / norm : 1;
            for (int k = 0; k < size; k++) {
                sum[k] += (float) (g[k] * scale);
            }
        }
        return sum;
    }

    /** Replaces the parameters' gradients by {@code gradient} (flat, in block order), for the optimiser's next step. */
    public void write(float[] gradient) {
        if (gradient.length != size) {
            throw new IllegalArgumentException(gradient.length + " values for " + size + " weights");
        }
        int offset = 0;
        for (Parameter p : parameters) {
            NDArray weights = p.getArray();
            int n = (int) weights.size();
            float[] part = new float[n];
            System.arraycopy(gradient, offset, part, 0, n);
            offset += n;
            try (NDArray g = weights.getGradient(); NDArray values = weights.getManager().create(part, weights.getShape())) {
                g.subi(g).addi(values);
            }
        }
    }

    /** Sets every parameter's gradient to zero (PyTorch adds each backward pass to what the gradients hold). */
    public void clearGradients() {
        for (Parameter p : parameters) {
            try (NDArray g = p.getArray().getGradient()) {
                g.subi(g);
            }
        }
    }

    private float[] readAndClearGradients() {
        float[] flat = new float[size];
        int offset = 0;
        for (Parameter p : parameters) {
            try (NDArray g = p.getArray().getGradient()) {
                float[] part = g.toFloatArray();
                System.arraycopy(part, 0, flat, offset, part.length);
                offset += part.length;
                g.subi(g);
            }
        }
        return flat;
    }
}
