package org.cyberhealth.assess.exfiltration;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.ml.NativeScalars;

/**
 * The learned entropy model of the attack's latent codes: the factorised prior of Ballé, Laparra, Simoncelli
 * ("End-to-end optimized image compression", ICLR 2017), in the non-parametric form of Ballé, Minnen, Singh, Hwang,
 * Johnston ("Variational image compression with a scale hyperprior", ICLR 2018, appendix 6.1). Each latent channel
 * has its own cumulative density c(x) = sigmoid(f_K(...f_1(x))), every f_k a small per-channel affine map
 * H_k x + b_k whose matrix passes through softplus (so c is monotone) followed, except for the last, by
 * x + tanh(a_k) tanh(x); layer widths 1, 3, 3, 3, 1 as in the paper. The probability of a code y is the mass of
 * its quantisation bin, c(y + 1/2) - c(y - 1/2).
 *
 * <p>In training the codes are not rounded here: the block adds uniform noise in [-1/2, 1/2) (the paper's
 * differentiable stand-in for rounding, whose density is exactly that bin mass), so -log2 of its output is a
 * differentiable rate. Out of training it rounds. Input: the continuous latents, levels 0..levels-1 in the middle (N, C, H, W);
 * output: one likelihood per latent, same shape, at least 1e-9 (the paper's bound, which keeps the rate finite).
 */
final class EntropyBottleneck extends AbstractBlock {

    private static final int[] WIDTHS = {1, 3, 3, 3, 1};
    private static final float LIKELIHOOD_FLOOR = 1e-9f;
    /**
     * Every density parameter is stored divided by this and multiplied back in use, which multiplies Adam's step on
     * it by the same factor (Adam's step does not depend on the gradient's scale). Without it the density trails the
     * encoder: under a density that has not yet moved, the rate's gradient pulls every latent the same way at every
     * step, which Adam turns into steady steps, and the codes collapse onto one level.
     */
    private static final float SPEED = 10f;

    private final int channels;
    private final int levels;
    private final List<Parameter> matrices = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();
    private final List<Parameter> factors = new ArrayList<>();

    EntropyBottleneck(int channels, int levels) {
        this.channels = channels;
        this.levels = levels;
        int layers = WIDTHS.length - 1;
        // The paper starts from a broad density (init_scale 10 on latents near 0); ours spread over levels - 1 steps.
        double scale = Math.pow(levels, 1.0 / layers);
        for (int k = 0; k < layers; k++) {
            int in = WIDTHS[k];
            int out = WIDTHS[k + 1];
            float start = (float) Math.log(Math.expm1(1 / scale / out));
            matrices.add(addParameter(parameter("matrix" + k, new Shape(channels, out, in), new ConstantInitializer(start / SPEED))));
            biases.add(addParameter(parameter("bias" + k, new Shape(channels, out, 1), new UniformInitializer(0.5f / SPEED))));
            if (k < layers - 1) {
                factors.add(addParameter(parameter("factor" + k, new Shape(channels, out, 1), Initializer.ZEROS)));
            }
        }
    }

    private static Parameter parameter(String name, Shape shape, Initializer initializer) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(shape).optInitializer(initializer).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = inputs.singletonOrThrow();
        NDArray centred = (training ? y.add(y.getManager().randomUniform(-0.5f, 0.5f, y.getShape())) : y.round()).sub((levels - 1) / 2f);
        NDArray lower = logits(store, centred.sub(0.5f), training);
        NDArray upper = logits(store, centred.add(0.5f), training);
        // Subtract on the side of the sigmoid where it is not saturated (the paper's trick for tiny bin masses).
        NDArray sign = lower.add(upper).sign().neg().stopGradient();
        NDArray likelihood = Activation.sigmoid(upper.mul(sign)).sub(Activation.sigmoid(lower.mul(sign))).abs();
        return new NDList(NativeScalars.atLeast(likelihood, LIKELIHOOD_FLOOR));
    }

    /** f_K(...f_1(x)) per channel, x of shape (N, C, H, W): the logit of the cumulative density. */
    private NDArray logits(ParameterStore store, NDArray x, boolean training) {
        Shape shape = x.getShape();
        NDArray v = x.transpose(1, 0, 2, 3).reshape(channels, 1, -1);
        for (int k = 0; k < matrices.size(); k++) {
            NDArray h = Activation.softPlus(value(store, matrices.get(k), x, training));
            v = h.matMul(v).add(value(store, biases.get(k), x, training));
            if (k < factors.size()) {
                v = v.add(value(store, factors.get(k), x, training).tanh().mul(v.tanh()));
            }
        }
        return v.reshape(channels, shape.get(0), shape.get(2), shape.get(3)).transpose(1, 0, 2, 3);
    }

    private static NDArray value(ParameterStore store, Parameter p, NDArray x, boolean training) {
        return NativeScalars.times(store.getValue(p, x.getDevice(), training), SPEED);
    }

    /**
     * The model's probability of each level 0..levels-1 of each channel, the mass below level 0 and above the top
     * level folded into the end levels (the quantiser's range is bounded, so those codes land there).
     */
    double[][] probabilities(NDManager manager) {
        float[] edges = new float[channels * (levels + 1)];
        for (int c = 0; c < channels; c++) {
            for (int s = 0; s <= levels; s++) {
                edges[c * (levels + 1) + s] = s - 0.5f - (levels - 1) / 2f;
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(scope, false);
            NDArray x = scope.create(edges, new Shape(1, channels, 1, levels + 1));
            float[] cdf = Activation.sigmoid(logits(store, x, false)).toFloatArray();
            double[][] p = new double[channels][levels];
            for (int c = 0; c < channels; c++) {
                for (int s = 0; s < levels; s++) {
                    double below = s == 0 ? 0 : cdf[c * (levels + 1) + s];
                    double above = s == levels - 1 ? 1 : cdf[c * (levels + 1) + s + 1];
                    p[c][s] = Math.max(0, above - below);
                }
            }
            return p;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "EntropyBottleneck(" + channels + " channels, " + levels + " levels)";
    }
}
