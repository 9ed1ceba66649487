package org.cyberhealth.he.ckks;

/**
 * How {@link PatersonStockmeyer} splits a dense polynomial of degree {@code degree} with baby steps
 * x^1..x^k ({@code babySteps} = k, a power of two): a part of degree e <= k is a leaf, evaluated with
 * constant products only; a larger part is split as p = q x^g + r at the giant step g = 2^(ceil(log2 e) - 1)
 * (so g < e <= 2g, deg q = e - g <= g, deg r = g - 1), q and r split again. The plan fixes the ciphertext
 * products and the levels, which depend on the degree only (zero coefficients can only save products).
 *
 * <p>Levels: a part evaluated for level l (before its final rescaling) needs its powers at level l or above;
 * x^i lies ceil(log2 i) levels below x, q is evaluated one level higher and rescaled before its product
 * with x^g. By induction a part of degree e consumes at most ceil(log2 e) levels (a leaf: its x^e; a split:
 * max(ceil(log2(e - g)) + 1, log2 g, ceil(log2(g - 1))) <= log2 g + 1 = ceil(log2 e)), so with the final
 * rescaling never more than the power tree's ceil(log2 d) + 1, and one level fewer where q's side has slack
 * (e.g. d = 9..14 or 17..28 with k = 4).
 */
record PatersonStockmeyerPlan(int degree, int babySteps) {

    PatersonStockmeyerPlan {
        if (degree < 1 || babySteps < 1 || Integer.bitCount(babySteps) != 1) {
            throw new IllegalArgumentException("a plan needs a degree >= 1 and a power of two of baby steps, got " + degree + " and " + babySteps);
        }
    }

    /**
     * The plan with the fewest ciphertext products over k = 1, 2, 4, ..., <= d (then the fewest levels, then
     * the smaller k). It lands near k = sqrt(d): k - 1 baby-step products, log2(d / k) giant steps and about
     * d / k products of a quotient with a giant step, against d - 1 products for the tree. A smaller k would
     * reach the optimal ceil(log2(d + 1)) levels more often, at more products (k = 2, d = 15: 4 levels, 10 products).
     */
    static PatersonStockmeyerPlan forDegree(int degree) {
        PatersonStockmeyerPlan best = null;
        for (int k = 1; k <= degree; k <<= 1) {
            PatersonStockmeyerPlan plan = new PatersonStockmeyerPlan(degree, k);
            if (best == null || plan.products() < best.products() || plan.products() == best.products() && plan.depth() < best.depth()) {
                best = plan;
            }
        }
        return best;
    }

    /** The giant step a part of degree e (> 1) is split at: the largest power of two below e. */
    static int giantStep(int e) {
        return Integer.highestOneBit(e - 1);
    }

    boolean isLeaf(int e) {
        return e <= babySteps;
    }

    /** Levels consumed, the final rescaling included. */
    int depth() {
        return consumed(degree) + 1;
    }

    /** Ciphertext-ciphertext products: the powers x^2..x^k and the giant steps, and one per split. */
    int products() {
        int powers = babySteps - 1;
        if (!isLeaf(degree)) {
            powers += Integer.numberOfTrailingZeros(giantStep(degree)) - Integer.numberOfTrailingZeros(babySteps);
        }
        return powers + splits(degree);
    }

    private int consumed(int e) {
        if (isLeaf(e)) {
            return PowerTable.levelsBelow(e);
        }
        int g = giantStep(e);
        return Math.max(Math.max(consumed(e - g) + 1, PowerTable.levelsBelow(g)), consumed(g - 1));
    }

    private int splits(int e) {
        return isLeaf(e) ? 0 : 1 + splits(e - giantStep(e)) + splits(giantStep(e) - 1);
    }
}
