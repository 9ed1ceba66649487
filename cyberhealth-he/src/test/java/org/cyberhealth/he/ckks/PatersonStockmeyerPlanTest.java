package org.cyberhealth.he.ckks;

import static org.assertj.core.api.Assertions.assertThat;

import org.cyberhealth.he.ckks.PolynomialEvaluator.Method;
import org.junit.jupiter.api.Test;

class PatersonStockmeyerPlanTest {

    @Test
    void productsAndLevelsOfTheDocumentedDegrees() {
        int[] degrees = {8, 15, 16, 27, 31, 32, 63};
        int[] babySteps = {4, 4, 4, 4, 8, 8, 8};
        int[] products = {4, 7, 7, 11, 11, 11, 16};
        int[] levels = {4, 5, 5, 5, 6, 6, 7};
        for (int i = 0; i < degrees.length; i++) {
            PatersonStockmeyerPlan plan = PatersonStockmeyerPlan.forDegree(degrees[i]);
            assertThat(plan.babySteps()).as("k for degree %d", degrees[i]).isEqualTo(babySteps[i]);
            assertThat(plan.products()).as("products for degree %d", degrees[i]).isEqualTo(products[i]);
            assertThat(plan.depth()).as("levels for degree %d", degrees[i]).isEqualTo(levels[i]);
        }
    }

    @Test
    void neverMoreLevelsThanTheTreeAndFewerProductsFromDegreeEight() {
        int previous = 0;
        for (int d = 1; d <= 4096; d++) {
            int tree = PolynomialEvaluator.depth(d, Method.POWER_TREE);
            int depth = PolynomialEvaluator.depth(d);
            assertThat(PolynomialEvaluator.depth(d, Method.PATERSON_STOCKMEYER)).as("degree %d", d).isLessThanOrEqualTo(tree);
            // Not below ceil(log2(d + 1)) levels, the least any method needs (x^d alone takes ceil(log2 d) products).
            assertThat(depth).as("degree %d", d).isGreaterThanOrEqualTo(32 - Integer.numberOfLeadingZeros(d));
            // A higher degree never needs fewer levels, so a model's level count from its (untrimmed) degrees is safe.
            assertThat(depth).as("degree %d", d).isGreaterThanOrEqualTo(previous);
            previous = depth;
            if (d >= PolynomialEvaluator.PATERSON_STOCKMEYER_FROM) {
                int products = PolynomialEvaluator.products(d, Method.PATERSON_STOCKMEYER);
                assertThat(products).as("degree %d", d).isLessThan(PolynomialEvaluator.products(d, Method.POWER_TREE));
                assertThat((double) products).as("degree %d", d).isLessThanOrEqualTo(2 * Math.sqrt(d) + Math.log(d) / Math.log(2));
            }
        }
    }

    @Test
    void aFullPolynomialOfDegreeKTimesTwoToTheMMinusOneTakesKPlusTwoToTheMPlusMMinusThreeProducts() {
        // k - 1 baby steps, m - 1 squarings for the giant steps x^(2k)..x^(k 2^(m-1)), 2^m - 1 splits down
        // to leaves of degree k - 1 (k >= 2; with k = 1 the leaves are x itself, one split level fewer).
        for (int logK = 1; logK <= 5; logK++) {
            for (int m = 1; m <= 6; m++) {
                int k = 1 << logK;
                PatersonStockmeyerPlan plan = new PatersonStockmeyerPlan(k * (1 << m) - 1, k);
                assertThat(plan.products()).as("k %d, m %d", k, m).isEqualTo(k + (1 << m) + m - 3);
            }
        }
    }
}
