package org.cyberhealth.he.ckks;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a polynomial p(x) = c_0 + c_1 x + ... + c_d x^d on every slot of a ciphertext, for activation
 * functions. The powers x^i come from a product tree of depth ceil(log2 i) (x^i = x^a x^(i-a) with a the
 * largest power of two below i), so the whole evaluation consumes ceil(log2 d) + 1 levels. Scales are kept
 * exact: each coefficient is encoded at the scale that makes its term's scale after rescaling exactly the
 * target, so terms from different levels add without a scale error. (Paterson-Stockmeyer's fewer
 * ciphertext products pay off from degree 8 on; the activations used here have degree 2 to 4.)
 */
public final class PolynomialEvaluator {

    private final CkksParameters parameters;
    private final Encoder encoder;
    private final Evaluator evaluator;
    private final SwitchingKey relinearisation;

    public PolynomialEvaluator(CkksParameters parameters, Encoder encoder, Evaluator evaluator, SwitchingKey relinearisation) {
        this.parameters = parameters;
        this.encoder = encoder;
        this.evaluator = evaluator;
        this.relinearisation = relinearisation;
    }

    /** The levels p of degree d consumes. */
    public static int depth(int degree) {
        return degree <= 1 ? 1 : 32 - Integer.numberOfLeadingZeros(degree - 1) + 1;
    }

    /** x^2 and nothing else: one ciphertext product and no constant product, so one level. */
    public static boolean isBareSquare(double[] coefficients) {
        int degree = coefficients.length - 1;
        while (degree > 0 && coefficients[degree] == 0) {
            degree--;
        }
        return degree == 2 && coefficients[0] == 0 && coefficients[1] == 0 && coefficients[2] == 1;
    }

    /**
     * x^2 in one level (where {@link #evaluate} would take two to land on the exact target scale): the scale
     * becomes scale^2 / q, which affine layers after it carry through exactly.
     */
    public Ciphertext square(Ciphertext x) {
        return evaluator.rescale(evaluator.relinearise(evaluator.multiply(x, x), relinearisation));
    }

    /** p(x) slot-wise, at scale {@code parameters.scale()}; {@code coefficients[i]} multiplies x^i. */
    public Ciphertext evaluate(Ciphertext x, double[] coefficients) {
        int degree = coefficients.length - 1;
        while (degree > 0 && coefficients[degree] == 0) {
            degree--;
        }
        if (x.level() < depth(degree)) {
            throw new IllegalArgumentException("a polynomial of degree " + degree + " needs " + depth(degree) + " levels, the ciphertext has " + x.level());
        }
        List<Ciphertext> powers = new ArrayList<>();
        powers.add(null);
        powers.add(x);
        for (int i = 2; i <= degree; i++) {
            int a = Integer.highestOneBit(i - 1);
            Ciphertext left = powers.get(a);
            Ciphertext right = powers.get(i - a);
            int level = Math.min(left.level(), right.level());
            Ciphertext product = evaluator.multiply(evaluator.dropToLevel(left, level), evaluator.dropToLevel(right, level));
            powers.add(evaluator.rescale(evaluator.relinearise(product, relinearisation)));
        }
        double target = parameters.scale();
        Ciphertext sum = null;
        int lowest = Integer.MAX_VALUE;
        List<Ciphertext> terms = new ArrayList<>();
        for (int i = 1; i <= degree; i++) {
            if (coefficients[i] == 0) {
                continue;
            }
            Ciphertext power = powers.get(i);
            double lastPrime = parameters.chain().get(power.level());
            Plaintext c = encoder.encode(filled(coefficients[i]), power.level(), target * lastPrime / power.scale());
            Ciphertext term = evaluator.rescale(evaluator.multiplyPlain(power, c));
            terms.add(term);
            lowest = Math.min(lowest, term.level());
        }
        for (Ciphertext term : terms) {
            Ciphertext aligned = evaluator.dropToLevel(term, lowest);
            // The rescaled scales equal the target up to rounding in double arithmetic.
            aligned = new Ciphertext(aligned.parts(), aligned.level(), target);
            sum = sum == null ? aligned : evaluator.add(sum, aligned);
        }
        if (sum == null) {
            throw new IllegalArgumentException("a constant polynomial needs no ciphertext");
        }
        return coefficients[0] == 0 ? sum : evaluator.addPlain(sum, encoder.encode(filled(coefficients[0]), lowest, target));
    }

    private double[] filled(double value) {
        double[] v = new double[parameters.slots()];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
