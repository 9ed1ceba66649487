package org.cyberhealth.he.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Encoder;
import org.cyberhealth.he.ckks.Evaluator;
import org.cyberhealth.he.ckks.GaloisKeys;
import org.cyberhealth.he.ckks.Plaintext;
import org.cyberhealth.he.ckks.PolynomialEvaluator;
import org.cyberhealth.he.ckks.SwitchingKey;

/**
 * The server's side of encrypted inference: runs an {@link HeModel} on a ciphertext of packed samples
 * ({@link SlotLayout}) with public material only (relinearisation and Galois keys). An affine layer is
 * the diagonal method of Halevi and Shoup ("Algorithms in HElib", CRYPTO 2014): y = sum_i diag_i(W) *
 * rot(x, i) over the non-zero generalised diagonals, each diagonal encoded at the scale of the prime the
 * rescale then removes, so the scale comes out exactly as it went in; the diagonals are zero in the second
 * half of each block, so y + rot(y, -n) restores the [y, y] layout the next layer needs without another
 * level. The sum runs in baby and giant steps, so a layer of width n needs about 2 sqrt(n) rotation keys.
 * Activations go through {@link PolynomialEvaluator}.
 */
public final class EncryptedInference {

    private final HeModel model;
    private final CkksParameters parameters;
    private final SlotLayout layout;
    private final Encoder encoder;
    private final Evaluator evaluator;
    private final PolynomialEvaluator polynomials;
    private final GaloisKeys galois;
    /** The weights encoded once per level: they are the same for every request. */
    private final Map<Encoded, Plaintext> encoded = new ConcurrentHashMap<>();

    /** A diagonal ({@code diagonal} >= 0) or the bias ({@code -1}) of a layer, encoded at a level and scale. */
    private record Encoded(Layer.Affine layer, int diagonal, int level, double scale) {}

    public EncryptedInference(HeModel model, CkksParameters parameters, Encoder encoder, Evaluator evaluator, SwitchingKey relinearisation,
            GaloisKeys galois) {
        this.model = model.withQuadraticsFolded();
        this.parameters = parameters;
        layout = SlotLayout.forModel(model, parameters.slots());
        this.encoder = encoder;
        this.evaluator = evaluator;
        polynomials = new PolynomialEvaluator(parameters, encoder, evaluator, relinearisation);
        this.galois = galois;
        requireDepth(model, parameters);
    }

    /** Refuses parameters with fewer levels than the model consumes (folding the model once to count them). */
    static void requireDepth(HeModel model, CkksParameters parameters) {
        int needed = levels(model);
        if (needed > parameters.maxLevel()) {
            throw new IllegalArgumentException("the model needs " + needed + " levels, the parameters have " + parameters.maxLevel());
        }
    }

    /**
     * The levels a model consumes once its quadratics are folded ({@link HeModel#withQuadraticsFolded}): one per
     * affine layer and per bare square, a polynomial's depth per other activation.
     */
    public static int levels(HeModel model) {
        int levels = 0;
        for (Layer layer : model.withQuadraticsFolded().layers()) {
            levels += !(layer instanceof Layer.Polynomial p) ? 1 : p.isSquare() ? 1 : PolynomialEvaluator.depth(p.coefficients().length - 1);
        }
        return levels;
    }

    /** The rotations the server needs keys for (left steps; the negative one is the duplication). */
    public static int[] rotations(HeModel model, int slots) {
        SlotLayout layout = SlotLayout.forModel(model, slots);
        int n = layout.width();
        int g = babySteps(n);
        TreeSet<Integer> steps = new TreeSet<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Layer.Affine affine) {
                for (int i = 1; i < n; i++) {
                    if (hasDiagonal(affine, n, i)) {
                        if (i % g != 0) {
                            steps.add(i % g);
                        }
                        if (i >= g) {
                            steps.add(i - i % g);
                        }
                    }
                }
                steps.add(-n);
            }
        }
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The baby-step count g: the power of two nearest above sqrt(n), so about 2 sqrt(n) rotations in all. */
    static int babySteps(int n) {
        int g = 1;
        while ((long) g * g < n) {
            g <<= 1;
        }
        return g;
    }

    public SlotLayout layout() {
        return layout;
    }

    public Ciphertext evaluate(Ciphertext input) {
        Ciphertext x = input;
        for (Layer layer : model.layers()) {
            x = layer instanceof Layer.Affine affine ? affine(affine, x) : activation((Layer.Polynomial) layer, x, polynomials);
        }
        return x;
    }

    /** An activation on a ciphertext: a bare square in one level, any other polynomial by its degree. */
    static Ciphertext activation(Layer.Polynomial polynomial, Ciphertext x, PolynomialEvaluator polynomials) {
        return polynomial.isSquare() ? polynomials.square(x) : polynomials.evaluate(x, polynomial.coefficients());
    }

    /**
     * W x + b by baby-step giant-step diagonals (Halevi and Shoup, CRYPTO 2015, section 4): with i = g j + k,
     * sum_i d_i * rot(x, i) = sum_j rot(sum_k rot(d_(g j + k), -g j) * rot(x, k), g j), so only the g baby
     * and n / g giant rotations need keys, instead of n.
     */
    private Ciphertext affine(Layer.Affine layer, Ciphertext x) {
        int n = layout.width();
        int g = babySteps(n);
        double primeScale = parameters.chain().get(x.level());
        Ciphertext[] babies = new Ciphertext[g];
        Ciphertext sum = null;
        for (int giant = 0; giant < n; giant += g) {
            Ciphertext inner = null;
            for (int k = 0; k < g && giant + k < n; k++) {
                if (!hasDiagonal(layer, n, giant + k)) {
                    continue;
                }
                if (babies[k] == null) {
                    babies[k] = k == 0 ? x : evaluator.rotate(x, k, galois);
                }
                int i = giant + k;
                int shift = giant;
                Plaintext weights = encoded.computeIfAbsent(new Encoded(layer, i, x.level(), primeScale),
                        key -> encoder.encode(diagonal(layer, i, shift), key.level(), key.scale()));
                Ciphertext term = evaluator.multiplyPlain(babies[k], weights);
                inner = inner == null ? term : evaluator.add(inner, term);
            }
            if (inner != null) {
                Ciphertext placed = giant == 0 ? inner : evaluator.rotate(inner, giant, galois);
                sum = sum == null ? placed : evaluator.add(sum, placed);
            }
        }
        if (sum == null) {
            throw new IllegalArgumentException("an affine layer with all-zero weights");
        }
        Ciphertext y = evaluator.rescale(sum);
        y = evaluator.add(y, evaluator.rotate(y, -n, galois));
        Plaintext bias = encoded.computeIfAbsent(new Encoded(layer, -1, y.level(), y.scale()),
                key -> encoder.encode(layout.pack(repeat(layer.bias(), layout.capacity())), key.level(), key.scale()));
        return evaluator.addPlain(y, bias);
    }

    /**
     * Diagonal i of W padded to n x n, W[t][(t + i) mod n] at position t of every block's first half, moved
     * {@code shift} positions to the right (the giant step's pre-rotation) within the block.
     */
    private double[] diagonal(Layer.Affine layer, int i, int shift) {
        int n = layout.width();
        double[] values = new double[parameters.slots()];
        for (int b = 0; b < layout.capacity(); b++) {
            for (int t = 0; t < Math.min(n, layer.outputSize()); t++) {
                int column = (t + i) % n;
                values[b * layout.block() + t + shift] = column < layer.inputSize() ? layer.weights()[t][column] : 0;
            }
        }
        return values;
    }

    private static boolean hasDiagonal(Layer.Affine layer, int n, int i) {
        for (int t = 0; t < Math.min(n, layer.outputSize()); t++) {
            int column = (t + i) % n;
            if (column < layer.inputSize() && layer.weights()[t][column] != 0) {
                return true;
            }
        }
        return false;
    }

    private static double[][] repeat(double[] vector, int times) {
        List<double[]> copies = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            copies.add(vector);
        }
        return copies.toArray(new double[0][]);
    }
}
