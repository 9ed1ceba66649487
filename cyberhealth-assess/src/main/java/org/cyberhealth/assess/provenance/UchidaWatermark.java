package org.cyberhealth.assess.provenance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.cyberhealth.ml.NativeScalars;
import org.cyberhealth.ml.model.TrainingHook;

/**
 * White-box model watermark of Uchida, Nagai, Sakazawa and Satoh ("Embedding watermarks into deep neural networks",
 * ICMR 2017). The owner's T-bit string b is embedded in one layer's weights W (out x in x kh x kw for a convolution)
 * through their mean over the output filters, w (in * kh * kw values), by adding to the task loss the regulariser
 * lambda * sum_j BCE(sigmoid((X w)_j), b_j), X a secret T x M projection with standard normal entries (the paper's
 * "direct" projection). The bit j is read back as (X w)_j >= 0.
 *
 * <p>Here X and b both come from the owner's key ({@link KeyedStream}), so the key alone verifies. Verification counts
 * the matching bits m: a network never trained with this key gives each bit independently with probability 1/2 (the
 * signs of T Gaussian projections of any fixed w), so the p-value is P(Binomial(T, 1/2) >= m).
 */
public final class UchidaWatermark {

    /** The parameter of the small CNN's second convolution (32 filters of 16 x 3 x 3): 144 values carry the bits. */
    public static final String DEFAULT_LAYER = "04Conv2d_weight";
    public static final int DEFAULT_BITS = 64;
    /** The paper's embedding strength. */
    public static final double DEFAULT_LAMBDA = 0.01;

    private final byte[] key;
    private final String layer;
    private final int bits;
    private final double lambda;

    public UchidaWatermark(byte[] key, String layer, int bits, double lambda) {
        if (bits < 1 || !(lambda > 0)) {
            throw new IllegalArgumentException("at least one bit and lambda > 0");
        }
        this.key = key.clone();
        this.layer = layer;
        this.bits = bits;
        this.lambda = lambda;
    }

    public static UchidaWatermark withDefaults(byte[] key) {
        return new UchidaWatermark(key, DEFAULT_LAYER, DEFAULT_BITS, DEFAULT_LAMBDA);
    }

    public String layer() {
        return layer;
    }

    public int bits() {
        return bits;
    }

    /** The owner's bit string, b. */
    boolean[] message() {
        KeyedStream stream = new KeyedStream(key, "uchida/message");
        boolean[] b = new boolean[bits];
        for (int j = 0; j < bits; j++) {
            b[j] = stream.nextInt(2) == 1;
        }
        return b;
    }

    /** X, row by row (T x m): the projection for a layer whose filter mean has {@code m} values. */
    float[] projection(int m) {
        if (bits > m) {
            throw new IllegalArgumentException(layer + " has " + m + " values per filter, fewer than the " + bits + " bits to embed");
        }
        KeyedStream stream = new KeyedStream(key, "uchida/projection/" + m);
        float[] x = new float[bits * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) stream.nextGaussian();
        }
        return x;
    }

    /**
     * The training hook that embeds the mark: the regulariser as a penalty on {@link #layer()}; training starts from
     * {@code start} (fine-tuning a trained network, as the paper also does) or, when null, from the recipe's initialisation.
     */
    public TrainingHook embedding(NetworkWeights start) {
        boolean[] message = message();
        float[] targets = new float[bits];
        for (int j = 0; j < bits; j++) {
            targets[j] = message[j] ? 1 : 0;
        }
        return new TrainingHook() {
            private float[] x;

            @Override
            public void prepare(Block block) {
                if (start != null) {
                    start.copyInto(block);
                }
            }

            @Override
            public NDArray penalty(Block block, NDManager scope) {
                NDArray weight = parameter(block).getArray();
                NDArray mean = weight.mean(new int[] {0});
                mean.attach(scope);
                int m = (int) mean.size();
                if (x == null) {
                    x = projection(m);
                }
                NDArray z = scope.create(x, new Shape(bits, m)).matMul(mean.reshape(m, 1)).reshape(bits);
                // BCE(sigmoid(z), b) = softplus(z) - b z, with softplus written so that exp never overflows.
                NDArray softplus = z.abs().neg().exp().add(1).log().add(NativeScalars.atLeast(z, 0));
                return NativeScalars.times(softplus.sub(z.mul(scope.create(targets))).sum(), (float) lambda);
            }

            @Override
            public String describe() {
                return "Uchida et al. 2017 watermark, " + bits + " bits in " + layer + ", lambda " + lambda;
            }
        };
    }

    private Parameter parameter(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(layer)) {
                return p.getValue();
            }
        }
        throw new IllegalArgumentException("the network has no parameter '" + layer + "'");
    }

    /** Reads the bits from {@code weights} and compares them with the owner's. */
    public MarkCheck verify(NetworkWeights weights) {
        float[] w = weights.get(layer);
        Shape shape = weights.shape(layer);
        int filters = (int) shape.get(0);
        int m = w.length / filters;
        double[] mean = new double[m];
        for (int f = 0; f < filters; f++) {
            for (int i = 0; i < m; i++) {
                mean[i] += w[f * m + i] / (double) filters;
            }
        }
        float[] x = projection(m);
        boolean[] message = message();
        int matches = 0;
        for (int j = 0; j < bits; j++) {
            double z = 0;
            for (int i = 0; i < m; i++) {
                z += x[j * m + i] * mean[i];
            }
            matches += (z >= 0) == message[j] ? 1 : 0;
        }
        return new MarkCheck("uchida", matches, bits, bits / 2.0, atLeast(matches, bits, 0.5));
    }

    /** P(Binomial(n, p) >= k). */
    static double atLeast(int k, int n, double p) {
        return k <= 0 ? 1 : BinomialDistribution.of(n, p).survivalProbability(k - 1);
    }
}
