package org.cyberhealth.assess.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocTest {

    @Test
    void tprAtFprIsReadExactlyFromHandMadeScores() {
        // Ten non-members score 1..10; members score 10.5 (above all), 9.5 (above 9), 5.5 (above 5), 0.5 (above none).
        double[] scores = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10.5, 9.5, 5.5, 0.5};
        boolean[] members = new boolean[14];
        for (int i = 10; i < 14; i++) {
            members[i] = true;
        }
        Roc roc = Roc.of(scores, members);
        assertThat(roc.members()).isEqualTo(4);
        assertThat(roc.nonMembers()).isEqualTo(10);
        assertThat(roc.tprAt(0)).isEqualTo(0.25);
        assertThat(roc.tprAt(0.05)).isEqualTo(0.25);
        assertThat(roc.tprAt(0.1)).isEqualTo(0.5);
        assertThat(roc.tprAt(0.15)).isEqualTo(0.5);
        assertThat(roc.tprAt(0.5)).isEqualTo(0.75);
        assertThat(roc.tprAt(1)).isEqualTo(1);
        // Non-members below each member: 10 + 9 + 5 + 0 of 40 pairs.
        assertThat(roc.auc()).isCloseTo(24 / 40.0, within(1e-12));
        assertThat(roc.fpr()[0]).isZero();
        assertThat(roc.tpr()[roc.tpr().length - 1]).isEqualTo(1);
    }

    @Test
    void tiesMoveTogetherAndCountOneHalfInTheArea() {
        Roc allTied = Roc.of(new double[] {1, 1, 1, 1}, new boolean[] {true, true, false, false});
        assertThat(allTied.auc()).isEqualTo(0.5);
        assertThat(allTied.tprAt(0.99)).isZero();
        assertThat(allTied.fpr()).containsExactly(0, 1);
        Roc mixed = Roc.of(new double[] {2, 1, 1, 0}, new boolean[] {true, true, false, false});
        assertThat(mixed.auc()).isEqualTo(3.5 / 4);
        assertThat(mixed.tprAt(0.49)).isEqualTo(0.5);
        assertThat(mixed.tprAt(0.5)).isEqualTo(1);
    }

    @Test
    void areaEqualsTheMannWhitneyStatisticOnRandomScoresWithTies() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + random.nextInt(50);
            double[] scores = new double[n];
            boolean[] members = new boolean[n];
            for (int i = 0; i < n; i++) {
                members[i] = i % 3 != 0;
                scores[i] = random.nextInt(8) + (members[i] ? random.nextInt(3) : 0);
            }
            double wins = 0;
            int pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (members[i] && !members[j]) {
                        pairs++;
                        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                    }
                }
            }
            assertThat(Roc.of(scores, members).auc()).isCloseTo(wins / pairs, within(1e-12));
        }
    }

    @Test
    void perfectScoresGiveFullTprAtZeroFpr() {
        Roc roc = Roc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true});
        assertThat(roc.auc()).isEqualTo(1);
        assertThat(roc.tprAt(0)).isEqualTo(1);
        assertThat(roc.bestBalancedAccuracy()).isEqualTo(1);
    }

    @Test
    void refusesNaNScoresAndASingleSide() {
        assertThatThrownBy(() -> Roc.of(new double[] {Double.NaN, 1}, new boolean[] {true, false})).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Roc.of(new double[] {0, 1}, new boolean[] {true, true})).hasMessageContaining("members and non-members");
        assertThatThrownBy(() -> Roc.of(new double[] {0, 1}, new boolean[] {true})).hasMessageContaining("2 scores but 1");
    }
}
