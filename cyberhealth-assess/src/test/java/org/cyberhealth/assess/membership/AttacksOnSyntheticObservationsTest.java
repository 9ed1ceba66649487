package org.cyberhealth.assess.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The attacks' arithmetic by hand, and their power where samples differ in hardness (no training: milliseconds). */
class AttacksOnSyntheticObservationsTest {

    /** Two samples, four shadows: sample 0 has IN phi {1, 3}, OUT {-1, 1}; sample 1 IN {0, 2}, OUT {0, 4}; the target gives 2 and 1. */
    private static Observations handMade() {
        double[][] shadowPhi = {{1, 0}, {3, 2}, {-1, 0}, {1, 4}};
        boolean[][] in = {{true, true}, {true, true}, {false, false}, {false, false}};
        return SyntheticObservations.of(new double[] {2, 1}, shadowPhi, in);
    }

    @Test
    void liraWithAGlobalVarianceMatchesAHandComputation() {
        // Pooled variances: IN (2 + 2) / 2 = 2, OUT (2 + 8) / 2 = 5; means IN 2 and 1, OUT 0 and 2.
        double[] online = Lira.online().scores(handMade());
        assertThat(online[0]).isCloseTo(logN(2, 2, 2) - logN(2, 0, 5), within(1e-5));
        assertThat(online[1]).isCloseTo(logN(1, 1, 2) - logN(1, 2, 5), within(1e-5));
        double[] offline = Lira.offline().scores(handMade());
        assertThat(offline[0]).isCloseTo(2 / Math.sqrt(5), within(1e-5));
        assertThat(offline[1]).isCloseTo(-1 / Math.sqrt(5), within(1e-5));
    }

    @Test
    void liraWithPerSampleVariancesMatchesAHandComputation() {
        // Per sample: IN variances 2 and 2, OUT 2 and 8.
        double[] online = Lira.online().perSampleVarianceFrom(4).scores(handMade());
        assertThat(online[0]).isCloseTo(logN(2, 2, 2) - logN(2, 0, 2), within(1e-5));
        assertThat(online[1]).isCloseTo(0.5 * Math.log(4) + 1 / 16.0, within(1e-5));
        double[] offline = Lira.offline().perSampleVarianceFrom(4).scores(handMade());
        assertThat(offline[1]).isCloseTo(-1 / Math.sqrt(8), within(1e-5));
    }

    @Test
    void lossThresholdScoresTheNegatedLoss() {
        double[] scores = new LossThreshold().scores(handMade());
        assertThat(scores[0]).isCloseTo(-Math.log1p(Math.exp(-2)), within(1e-6));
        assertThat(scores[0]).isGreaterThan(scores[1]);
    }

    @Test
    void liraCalibratesPerSampleWhereOneThresholdCannot() {
        // Hardness spread over 10 logit units hides an effect of 1.5 from a global threshold, not from per-sample Gaussians.
        SyntheticObservations.Game game = SyntheticObservations.game(2000, 16, 1.5, 5);
        Roc loss = Roc.of(new LossThreshold().scores(game.seen()), game.members());
        Roc shadow = Roc.of(new ShadowModelAttack().scores(game.seen()), game.members());
        Roc online = Roc.of(Lira.online().scores(game.seen()), game.members());
        Roc offline = Roc.of(Lira.offline().scores(game.seen()), game.members());
        assertThat(loss.auc()).isBetween(0.55, 0.7);
        assertThat(shadow.auc()).isCloseTo(loss.auc(), within(0.02));
        // Known effect and unit noise: the ideal test has AUC Phi(1.5 / sqrt(2)) = 0.856; 8 IN and 8 OUT samples estimate the means.
        assertThat(online.auc()).isGreaterThan(0.8);
        assertThat(offline.auc()).isGreaterThan(0.75);
        // Seed 5 gives: loss 0.8% and 6.6% TPR at 0.1% and 1% FPR, LiRA online 3.9% and 15.9%, offline 4.6% and 17.9%.
        for (Roc lira : new Roc[] {online, offline}) {
            assertThat(lira.tprAt(0.001)).isGreaterThan(3 * loss.tprAt(0.001));
            assertThat(lira.tprAt(0.01)).isGreaterThan(2 * loss.tprAt(0.01));
        }
    }

    @Test
    void liraRefusesSamplesWithFewerThanTwoShadowsOnASide() {
        double[][] shadowPhi = {{1}, {2}, {0}};
        boolean[][] in = {{true}, {true}, {false}};
        Observations seen = SyntheticObservations.of(new double[] {1}, shadowPhi, in);
        assertThatThrownBy(() -> Lira.online().scores(seen)).hasMessageContaining("two OUT shadow models");
    }

    @Test
    void shadowAttackRefusesShadowsThatSawEveryOrNoSample() {
        double[][] shadowPhi = {{1, 2}, {2, 3}};
        boolean[][] in = {{true, true}, {true, true}};
        Observations seen = SyntheticObservations.of(new double[] {1, 2}, shadowPhi, in);
        assertThatThrownBy(() -> new ShadowModelAttack().scores(seen)).hasMessageContaining("all IN");
    }

    private static double logN(double x, double mean, double variance) {
        return -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) * (x - mean) / (2 * variance);
    }
}
