package org.cyberhealth.assess.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfidenceTest {

    @Test
    void phiIsTheLogOddsOfTheTrueClassAndTheLossItsCrossEntropy() {
        float[] p = {0.2f, 0.8f};
        assertThat(Confidence.phi(p, 1)).isCloseTo(Math.log(0.8f / 0.2f), within(1e-9));
        assertThat(Confidence.phi(p, 0)).isCloseTo(-Math.log(0.8f / 0.2f), within(1e-9));
        assertThat(Confidence.loss(p, 1)).isCloseTo(-Math.log(0.8f), within(1e-6));
        float[] three = {0.1f, 0.3f, 0.6f};
        assertThat(Confidence.phi(three, 2)).isCloseTo(Math.log(0.6f / (0.1f + 0.3f)), within(1e-6));
    }

    @Test
    void aTrueClassProbabilityRoundedToOneKeepsItsTail() {
        // An overfit member: the float softmax gives exactly 1 for the true class, 1e-20 for the other.
        float[] p = {1e-20f, 1.0f};
        assertThat(Confidence.phi(p, 1)).isCloseTo(Math.log(1e20), within(1e-4));
        assertThat(Confidence.loss(p, 1)).isGreaterThan(0).isCloseTo(1e-20, within(1e-26));
        assertThat(Confidence.phi(new float[] {1e-30f, 1.0f}, 1)).isGreaterThan(Confidence.phi(p, 1));
        assertThat(Confidence.phi(new float[] {0f, 1.0f}, 1)).isFinite();
    }
}
