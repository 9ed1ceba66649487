package org.cyberhealth.assess.defence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.InputSpec;
import org.junit.jupiter.api.Test;

/**
 * Smoothing a one-pixel threshold classifier, f(z) = 0 if z < t: at x = 1/2 with sigma 1/4, pA = Phi((t - 1/2) / sigma)
 * and Cohen et al.'s radius with the exact pA is t - 1/2, the true distance to the boundary (the bound is tight for
 * linear classifiers), so a certificate must stay below it and come close.
 */
class RandomisedSmoothingTest {

    private static final InputSpec PIXEL = new InputSpec(1, 1, 1, 0f, 1f, new float[] {0}, new float[] {1});
    private static final float[] X = {0.5f};

    private static Classifier threshold(double t) {
        return new Classifier() {
            @Override
            public InputSpec input() {
                return PIXEL;
            }

            @Override
            public List<String> classes() {
                return List.of("below", "above");
            }

            @Override
            public float[][] predict(float[][] batch) {
                float[][] p = new float[batch.length][];
                for (int i = 0; i < batch.length; i++) {
                    p[i] = batch[i][0] < t ? new float[] {1, 0} : new float[] {0, 1};
                }
                return p;
            }
        };
    }

    @Test
    void aTieAbstainsWithRadiusZero() {
        RandomisedSmoothing smoothing = new RandomisedSmoothing(threshold(0.5), 0.25, 256);
        RandomisedSmoothing.Certificate c = smoothing.certify(X, 100, 2000, 0.001, new Random(1));
        assertThat(c.abstained()).isTrue();
        assertThat(c.radius()).isZero();
        assertThat(c.pALower()).isLessThanOrEqualTo(0.5);
        assertThat(smoothing.predict(X, 2000, 0.001, new Random(2))).isEqualTo(RandomisedSmoothing.ABSTAIN);
    }

    @Test
    void theRadiusGrowsWithPAAndStaysBelowTheTrueDistance() {
        double previous = 0;
        for (double t : new double[] {0.55, 0.6, 0.7, 0.8, 0.9}) {
            RandomisedSmoothing smoothing = new RandomisedSmoothing(threshold(t), 0.25, 256);
            RandomisedSmoothing.Certificate c = smoothing.certify(X, 100, 10_000, 0.001, new Random(3));
            double pA = NormalDistribution.of(0, 1).cumulativeProbability((t - 0.5) / 0.25);
            assertThat(c.label()).as("t %s", t).isZero();
            assertThat(c.pALower()).isLessThan(pA);
            assertThat(c.radius()).as("t %s", t).isGreaterThan(previous).isLessThan(t - 0.5).isGreaterThan(t - 0.5 - 0.06);
            assertThat(smoothing.predict(X, 1000, 0.001, new Random(4))).isZero();
            previous = c.radius();
        }
    }

    @Test
    void theSameSeedGivesTheSameCertificate() {
        RandomisedSmoothing smoothing = new RandomisedSmoothing(threshold(0.7), 0.25, 64);
        assertThat(smoothing.certify(X, 50, 500, 0.01, new Random(9))).isEqualTo(smoothing.certify(X, 50, 500, 0.01, new Random(9)));
    }
}
