package org.cyberhealth.he.ckks;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a polynomial p(x) = c_0 + c_1 x + ... + c_d x^d on every slot of a ciphertext, for activation
 * functions, by one of two methods with exact scales (each constant encoded at the scale that lands its term
 * exactly on the planned one, {@link ScaledTerms}), both landing on the parameters' scale:
 * <ul>
 * <li>{@link Method#POWER_TREE}: every power x^2..x^d from the product tree ({@link PowerTable}), each term
 * c_i x^i rescaled at its power's level; d - 1 ciphertext products, ceil(log2 d) + 1 levels.</li>
 * <li>{@link Method#PATERSON_STOCKMEYER}: baby steps and giant steps ({@link PatersonStockmeyer}, Paterson and
 * Stockmeyer 1973; Bossuat et al., Eurocrypt 2021); about 2 sqrt(d) + log2(d) products and never more
 * levels than the tree, one fewer for some degrees ({@link PatersonStockmeyerPlan}).</li>
 * </ul>
 * {@link #evaluate(Ciphertext, double[])} takes the tree below degree 8, so the small activations of the
 * trained models keep their results bit for bit and their level counts (Paterson-Stockmeyer would save at
 * most 2 products there, and a level at degrees 3, 5 and 6), and Paterson-Stockmeyer from degree 8 on,
 * where it saves 3 of 7 products, 19 of 30 at degree 31.
 */
public final class PolynomialEvaluator {

    /** The degree from which {@link #evaluate(Ciphertext, double[])} uses Paterson-Stockmeyer. */
    public static final int PATERSON_STOCKMEYER_FROM = 8;

    public enum Method {
        POWER_TREE, PATERSON_STOCKMEYER;

        public static Method forDegree(int degree) {
            return degree < PATERSON_STOCKMEYER_FROM ? POWER_TREE : PATERSON_STOCKMEYER;
        }
    }

    private final CkksParameters parameters;
    private final ScaledTerms terms;

    public PolynomialEvaluator(CkksParameters parameters, Encoder encoder, Evaluator evaluator, SwitchingKey relinearisation) {
        this.parameters = parameters;
        terms = new ScaledTerms(parameters, encoder, evaluator, relinearisation);
    }

    /** The levels {@link #evaluate(Ciphertext, double[])} consumes for a polynomial of degree d. */
    public static int depth(int degree) {
        return depth(degree, Method.forDegree(degree));
    }

    public static int depth(int degree, Method method) {
        if (method == Method.POWER_TREE || degree <= 1) {
            return PowerTable.levelsBelow(degree) + 1;
        }
        return PatersonStockmeyerPlan.forDegree(degree).depth();
    }

    /** The ciphertext products {@code method} makes for a degree-d polynomial with no zero coefficient (zeros can only save some). */
    public static int products(int degree, Method method) {
        if (method == Method.POWER_TREE || degree <= 1) {
            return Math.max(0, degree - 1);
        }
        return PatersonStockmeyerPlan.forDegree(degree).products();
    }

    /** The ciphertext-ciphertext products this evaluator has made so far (for tests and benchmarks). */
    public long ciphertextProducts() {
        return terms.products();
    }

    /** x^2 and nothing else: one ciphertext product and no constant product, so one level. */
    public static boolean isBareSquare(double[] coefficients) {
        int degree = degree(coefficients);
        return degree == 2 && coefficients[0] == 0 && coefficients[1] == 0 && coefficients[2] == 1;
    }

    /**
     * x^2 in one level (where {@link #evaluate} would take two to land on the exact target scale): the scale
     * becomes scale^2 / q, which affine layers after it carry through exactly.
     */
    public Ciphertext square(Ciphertext x) {
        return terms.rescale(terms.product(x, x));
    }

    /** p(x) slot-wise, at scale {@code parameters.scale()}; {@code coefficients[i]} multiplies x^i. */
    public Ciphertext evaluate(Ciphertext x, double[] coefficients) {
        return evaluate(x, coefficients, Method.forDegree(degree(coefficients)));
    }

    public Ciphertext evaluate(Ciphertext x, double[] coefficients, Method method) {
        int degree = degree(coefficients);
        if (degree == 0) {
            throw new IllegalArgumentException("a constant polynomial needs no ciphertext");
        }
        int depth = depth(degree, method);
        if (x.level() < depth) {
            throw new IllegalArgumentException("a polynomial of degree " + degree + " needs " + depth + " levels, the ciphertext has " + x.level());
        }
        if (method == Method.POWER_TREE || degree == 1) {
            return powerTree(x, coefficients, degree);
        }
        return PatersonStockmeyer.evaluate(terms, x, coefficients, degree, parameters.scale());
    }

    /** Each c_i x^i rescaled onto the target scale at its own level, then all dropped to the lowest and added. */
    private Ciphertext powerTree(Ciphertext x, double[] coefficients, int degree) {
        PowerTable powers = new PowerTable(x, terms);
        double target = parameters.scale();
        int lowest = Integer.MAX_VALUE;
        List<Ciphertext> rescaled = new ArrayList<>();
        for (int i = 1; i <= degree; i++) {
            if (coefficients[i] == 0) {
                continue;
            }
            Ciphertext power = powers.power(i);
            Ciphertext term = terms.times(power, coefficients[i], power.level(), target * terms.prime(power.level()));
            rescaled.add(terms.declared(terms.rescale(term), target));
            lowest = Math.min(lowest, power.level() - 1);
        }
        Ciphertext sum = null;
        for (Ciphertext term : rescaled) {
            sum = terms.sum(sum, terms.at(term, lowest));
        }
        return terms.plus(sum, coefficients[0]);
    }

    /** The degree once the zero leading coefficients are dropped. */
    private static int degree(double[] coefficients) {
        int degree = coefficients.length - 1;
        while (degree > 0 && coefficients[degree] == 0) {
            degree--;
        }
        return degree;
    }
}
