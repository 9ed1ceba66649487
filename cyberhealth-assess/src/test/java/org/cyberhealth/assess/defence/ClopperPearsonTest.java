package org.cyberhealth.assess.defence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ClopperPearsonTest {

    @Test
    void closedFormsAtTheEdges() {
        // k = n: Beta(n, 1) has CDF p^n, so the lower bound is alpha^(1/n); k = 0 mirrors it for the upper bound.
        assertThat(ClopperPearson.lower(100, 100, 0.001)).isCloseTo(Math.pow(0.001, 0.01), Offset.offset(1e-9));
        assertThat(ClopperPearson.upper(0, 100, 0.001)).isCloseTo(1 - Math.pow(0.001, 0.01), Offset.offset(1e-9));
        assertThat(ClopperPearson.lower(0, 10, 0.05)).isZero();
        assertThat(ClopperPearson.upper(10, 10, 0.05)).isEqualTo(1);
        assertThatThrownBy(() -> ClopperPearson.lower(11, 10, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLowerBoundFailsWithProbabilityAtMostAlphaExactly() {
        // Summing the binomial law over the outcomes whose bound overshoots p gives the exact failure probability.
        for (int n : new int[] {10, 100, 1000}) {
            for (double p : new double[] {0.05, 0.3, 0.5, 0.77, 0.95, 0.999}) {
                for (double alpha : new double[] {0.001, 0.05}) {
                    assertThat(failure(n, p, alpha)).as("n %d p %s alpha %s", n, p, alpha).isLessThanOrEqualTo(alpha + 1e-12);
                }
            }
        }
    }

    @Test
    void simulatedFailuresMatchTheExactRate() {
        int n = 50;
        double p = 0.7;
        double alpha = 0.1;
        Random random = new Random(11);
        int trials = 20_000;
        int failures = 0;
        for (int t = 0; t < trials; t++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                k += random.nextDouble() < p ? 1 : 0;
            }
            failures += ClopperPearson.lower(k, n, alpha) > p ? 1 : 0;
        }
        double exact = failure(n, p, alpha);
        double sd = Math.sqrt(exact * (1 - exact) / trials);
        assertThat(exact).isBetween(0.03, alpha);
        assertThat((double) failures / trials).isCloseTo(exact, Offset.offset(4 * sd));
    }

    private static double failure(int n, double p, double alpha) {
        BinomialDistribution law = BinomialDistribution.of(n, p);
        double sum = 0;
        for (int k = 0; k <= n; k++) {
            if (ClopperPearson.lower(k, n, alpha) > p) {
                sum += law.probability(k);
            }
        }
        return sum;
    }
}
