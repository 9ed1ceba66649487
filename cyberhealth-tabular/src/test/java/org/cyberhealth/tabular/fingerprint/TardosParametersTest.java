package org.cyberhealth.tabular.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;

class TardosParametersTest {

    @Test
    void defaultsAreThreeColludersAtOneInAMillionWithTheFiniteCoalitionLength() {
        TardosParameters p = TardosParameters.defaults();

        assertThat(p.maxColluders()).isEqualTo(3);
        assertThat(p.falseAccusation()).isEqualTo(1e-6);
        assertThat(p.miss()).isEqualTo(0.01);
        // delta = 1 / (16 * 3^(4/3))
        assertThat(p.cutoff()).isCloseTo(0.0144450, within(1e-7));
        // ((3 sqrt(2 ln 1e6) + 2.3263 sqrt 3) / mu)^2 with mu = 0.688662 for this cutoff
        assertThat(TardosParameters.worstCaseCoalitionScore(3, p.cutoff())).isCloseTo(0.688662, within(1e-6));
        assertThat(p.codeLength()).isEqualTo(827);
    }

    @Test
    void asymptoticLengthIsPiSquaredOverTwoCSquaredLnOneOverEps1() {
        // (pi^2 / 2) * 9 * ln(1e6) = 613.6
        assertThat(TardosParameters.asymptoticLength(3, 1e-6)).isEqualTo(614);
        assertThat(TardosParameters.asymptoticLength(10, 1e-6)).isEqualTo(6818);
        assertThat(TardosParameters.defaults().asymptoticThreshold()).isCloseTo(Math.PI * 3 * Math.log(1e6), within(1e-9));
    }

    @Test
    void finiteCoalitionLengthApproachesTheAsymptoteAsCoalitionsGrow() {
        double previous = Double.POSITIVE_INFINITY;
        for (int c : new int[] {3, 10, 30, 100}) {
            double ratio = (double) TardosParameters.of(c, 1e-6).codeLength() / TardosParameters.asymptoticLength(c, 1e-6);
            assertThat(ratio).isGreaterThan(1).isLessThan(previous);
            previous = ratio;
        }
        assertThat(previous).isLessThan(1.15);
    }

    @Test
    void worstCaseCoalitionScoreIsTwoOverPiWithoutCutoff() {
        // Skoric et al.: with the full arcsine density the coalition's expected score is 2/pi per position.
        assertThat(TardosParameters.worstCaseCoalitionScore(3, 1e-12)).isCloseTo(2 / Math.PI, within(1e-5));
        assertThat(TardosParameters.worstCaseCoalitionScore(7, 1e-12)).isCloseTo(2 / Math.PI, within(1e-5));
    }

    @Test
    void wordIndependentThresholdIsAboveTheGaussianOne() {
        TardosParameters p = TardosParameters.defaults();
        double gaussian = Math.sqrt(2 * p.codeLength() * Math.log(1e6));
        assertThat(p.fixedThreshold()).isGreaterThan(gaussian).isLessThan(2 * gaussian);
    }

    @Test
    void aFixedLengthKeepsEveryOtherParameter() {
        TardosParameters p = TardosParameters.defaults().withCodeLength(400);
        assertThat(p.codeLength()).isEqualTo(400);
        assertThat(p.cutoff()).isEqualTo(TardosParameters.defaults().cutoff());
        assertThat(p).isNotEqualTo(TardosParameters.defaults());
    }

    @Test
    void badParametersAreBadInput() {
        assertThatThrownBy(() -> TardosParameters.of(0, 1e-6)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("coalition size c must be at least 1");
        assertThatThrownBy(() -> TardosParameters.of(3, 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("eps1 must lie strictly between 0 and 1");
        assertThatThrownBy(() -> TardosParameters.of(3, 1)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> TardosParameters.of(3, Double.NaN)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> TardosParameters.of(3, 1e-6, 1.5)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("eps2");
        assertThatThrownBy(() -> TardosParameters.defaults().withCodeLength(0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least one position");
        assertThatThrownBy(() -> TardosParameters.of(5000, 1e-6)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> TardosParameters.asymptoticLength(-1, 1e-6)).isInstanceOf(BadInputException.class);
    }
}
