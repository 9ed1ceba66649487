package org.cyberhealth.he.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Encoder;
import org.cyberhealth.he.ckks.Evaluator;
import org.cyberhealth.he.ckks.GaloisKeys;
import org.cyberhealth.he.ckks.PolynomialEvaluator;
import org.cyberhealth.he.ckks.SwitchingKey;

/**
 * The server's side of encrypted inference: runs an {@link HeModel} on a ciphertext of packed samples
 * ({@link SlotLayout}) with public material only (relinearisation and Galois keys). An affine layer is
 * the diagonal method of Halevi and Shoup ("Algorithms in HElib", CRYPTO 2014): y = sum_i diag_i(W) *
 * rot(x, i) over the non-zero generalised diagonals, each diagonal encoded at the scale of the prime the
 * rescale then removes, so the scale comes out exactly as it went in; the diagonals are zero in the second
 * half of each block, so y + rot(y, -n) restores the [y, y] layout the next layer needs without another
 * level. Activations go through {@link PolynomialEvaluator}.
 */
public final class EncryptedInference {

    private final HeModel model;
    private final CkksParameters parameters;
    private final SlotLayout layout;
    private final Encoder encoder;
    private final Evaluator evaluator;
    private final PolynomialEvaluator polynomials;
    private final GaloisKeys galois;

    public EncryptedInference(HeModel model, CkksParameters parameters, Encoder encoder, Evaluator evaluator, SwitchingKey relinearisation,
            GaloisKeys galois) {
        this.model = model;
        this.parameters = parameters;
        layout = SlotLayout.forModel(model, parameters.slots());
        this.encoder = encoder;
        this.evaluator = evaluator;
        polynomials = new PolynomialEvaluator(parameters, encoder, evaluator, relinearisation);
        this.galois = galois;
        if (levels(model) > parameters.maxLevel()) {
            throw new IllegalArgumentException("the model needs " + levels(model) + " levels, the parameters have " + parameters.maxLevel());
        }
    }

    /** The levels a model consumes: one per affine layer, a polynomial's depth per activation. */
    public static int levels(HeModel model) {
        int levels = 0;
        for (Layer layer : model.layers()) {
            levels += layer instanceof Layer.Polynomial p ? PolynomialEvaluator.depth(p.coefficients().length - 1) : 1;
        }
        return levels;
    }

    /** The rotations the server needs keys for (left steps; the negative one is the duplication). */
    public static int[] rotations(HeModel model, int slots) {
        SlotLayout layout = SlotLayout.forModel(model, slots);
        TreeSet<Integer> steps = new TreeSet<>();
        for (Layer layer : model.layers()) {
            if (layer instanceof Layer.Affine affine) {
                for (int i = 1; i < layout.width(); i++) {
                    if (hasDiagonal(affine, layout.width(), i)) {
                        steps.add(i);
                    }
                }
                steps.add(-layout.width());
            }
        }
        return steps.stream().mapToInt(Integer::intValue).toArray();
    }

    public SlotLayout layout() {
        return layout;
    }

    public Ciphertext evaluate(Ciphertext input) {
        Ciphertext x = input;
        for (Layer layer : model.layers()) {
            x = layer instanceof Layer.Affine affine ? affine(affine, x) : polynomials.evaluate(x, ((Layer.Polynomial) layer).coefficients());
        }
        return x;
    }

    private Ciphertext affine(Layer.Affine layer, Ciphertext x) {
        int n = layout.width();
        double primeScale = parameters.chain().get(x.level());
        Ciphertext sum = null;
        for (int i = 0; i < n; i++) {
            if (!hasDiagonal(layer, n, i)) {
                continue;
            }
            Ciphertext rotated = i == 0 ? x : evaluator.rotate(x, i, galois);
            Ciphertext term = evaluator.multiplyPlain(rotated, encoder.encode(diagonal(layer, i), x.level(), primeScale));
            sum = sum == null ? term : evaluator.add(sum, term);
        }
        if (sum == null) {
            throw new IllegalArgumentException("an affine layer with all-zero weights");
        }
        Ciphertext y = evaluator.rescale(sum);
        y = evaluator.add(y, evaluator.rotate(y, -n, galois));
        return evaluator.addPlain(y, encoder.encode(layout.pack(repeat(layer.bias(), layout.capacity())), y.level(), y.scale()));
    }

    /** Diagonal i of W padded to n x n, in every block's first half: W[t][(t + i) mod n]. */
    private double[] diagonal(Layer.Affine layer, int i) {
        int n = layout.width();
        double[] values = new double[parameters.slots()];
        for (int b = 0; b < layout.capacity(); b++) {
            for (int t = 0; t < Math.min(n, layer.outputSize()); t++) {
                int column = (t + i) % n;
                values[b * layout.block() + t] = column < layer.inputSize() ? layer.weights()[t][column] : 0;
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
