package org.cyberhealth.he.ckks;

/**
 * Baby-step giant-step evaluation of a polynomial in the power basis (Paterson and Stockmeyer, SIAM J.
 * Comput. 2(1), 1973; in CKKS with the scale of every part planned top-down as in Bossuat, Mouchet,
 * Troncoso-Pastoriza and Hubaux, Eurocrypt 2021, and Han and Ki, CT-RSA 2020): the split
 * p = q x^g + r of {@link PatersonStockmeyerPlan}, leaves sum_i c_i x^i with constant products only.
 *
 * <p>Scales are exact. A part asked for at level l and scale S (about Delta q_l: not yet rescaled) is: for a
 * leaf, each c_i x^i with c_i encoded at S / scale(x^i), and c_0 at S, all added before one rescaling
 * (the constant products cost no level of their own); for a split, r at (l, S), and q at (l + 1,
 * S q_(l+1) / scale(x^g)), rescaled and multiplied by x^g, which lands exactly on S. The whole polynomial is
 * asked for at (L - consumed, target q) and rescaled once more to the target scale.
 */
final class PatersonStockmeyer {

    private final ScaledTerms terms;
    private final PatersonStockmeyerPlan plan;
    private final PowerTable powers;
    private final double[] c;

    private PatersonStockmeyer(ScaledTerms terms, PatersonStockmeyerPlan plan, PowerTable powers, double[] coefficients) {
        this.terms = terms;
        this.plan = plan;
        this.powers = powers;
        this.c = coefficients;
    }

    /** p(x) at level x.level() - plan.depth() and scale {@code target}; the leading coefficient is non-zero. */
    static Ciphertext evaluate(ScaledTerms terms, Ciphertext x, double[] coefficients, int degree, double target) {
        PatersonStockmeyerPlan plan = PatersonStockmeyerPlan.forDegree(degree);
        PatersonStockmeyer evaluation = new PatersonStockmeyer(terms, plan, new PowerTable(x, terms), coefficients);
        int level = x.level() - plan.depth() + 1;
        Ciphertext p = terms.plus(evaluation.withoutConstant(0, degree, level, target * terms.prime(level)), coefficients[0]);
        return terms.declared(terms.rescale(p), target);
    }

    /**
     * sum_(i = 1..hi - lo) c_(lo + i) x^i at {@code level} and exactly {@code scale}, or null when those
     * coefficients are all zero; c_lo is the caller's (a split adds q's before the product with x^g).
     */
    private Ciphertext withoutConstant(int lo, int hi, int level, double scale) {
        int e = hi - lo;
        Ciphertext sum = null;
        if (plan.isLeaf(e)) {
            for (int i = 1; i <= e; i++) {
                if (c[lo + i] != 0) {
                    sum = terms.sum(sum, terms.times(powers.power(i), c[lo + i], level, scale));
                }
            }
            return sum;
        }
        int g = PatersonStockmeyerPlan.giantStep(e);
        Ciphertext giant = powers.power(g);
        Ciphertext q = withoutConstant(lo + g, hi, level + 1, scale * terms.prime(level + 1) / giant.scale());
        if (q != null) {
            q = terms.rescale(terms.plus(q, c[lo + g]));
            sum = terms.declared(terms.product(q, giant), scale);
        } else if (c[lo + g] != 0) {
            sum = terms.times(giant, c[lo + g], level, scale);
        }
        return terms.sum(sum, withoutConstant(lo, lo + g - 1, level, scale));
    }
}
