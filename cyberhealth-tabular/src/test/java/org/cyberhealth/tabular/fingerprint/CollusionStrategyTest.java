package org.cyberhealth.tabular.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CollusionStrategyTest {

    private static final List<Codeword> COALITION = List.of(
            Codeword.of(false, true, true, false, true, false, true, false),
            Codeword.of(false, true, false, true, true, false, true, false),
            Codeword.of(false, true, false, true, false, true, true, false));

    @ParameterizedTest
    @EnumSource(CollusionStrategy.class)
    void keepsEveryBitTheColludersShare(CollusionStrategy strategy) {
        boolean[] forged = strategy.forge(COALITION, new SplittableRandom(1));
        assertThat(forged[0]).isFalse();
        assertThat(forged[1]).isTrue();
        assertThat(forged[6]).isTrue();
        assertThat(forged[7]).isFalse();
    }

    @Test
    void decidesWhereTheColludersDifferAsNamed() {
        SplittableRandom random = new SplittableRandom(1);
        // positions 2..5 hold 1, 2, 2, 1 ones out of 3
        assertThat(CollusionStrategy.MAJORITY.forge(COALITION, random)).containsExactly(false, true, false, true, true, false, true, false);
        assertThat(CollusionStrategy.MINORITY.forge(COALITION, random)).containsExactly(false, true, true, false, false, true, true, false);
        assertThat(CollusionStrategy.ZERO_WHERE_DIFFERENT.forge(COALITION, random)).containsExactly(false, true, false, false, false, false, true, false);
        assertThat(CollusionStrategy.ONE_WHERE_DIFFERENT.forge(COALITION, random)).containsExactly(false, true, true, true, true, true, true, false);
    }

    @Test
    void interleavingCopiesAColluderChosenAtRandom() {
        SplittableRandom random = new SplittableRandom(2);
        int ones = 0;
        int n = 30_000;
        for (int k = 0; k < n; k++) {
            ones += CollusionStrategy.INTERLEAVING.forge(COALITION, random)[2] ? 1 : 0; // one colluder of three holds 1
        }
        assertThat((double) ones / n).isBetween(1.0 / 3 - 0.015, 1.0 / 3 + 0.015);
    }
}
