package org.cyberhealth.tabular.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InnocentScoreBoundTest {

    private static final byte[] SECRET = new byte[32];
    private static final TardosCode CODE = TardosCode.generate(TardosParameters.defaults(), SECRET);

    private static ObservedWord forged(CollusionStrategy strategy, NoisyChannel channel, long seed) {
        List<Codeword> coalition = List.of(CODE.codewordFor("a"), CODE.codewordFor("b"), CODE.codewordFor("c"));
        SplittableRandom random = new SplittableRandom(seed);
        return channel.transmit(strategy.forge(coalition, random), random);
    }

    /** An innocent: each bit drawn with its bias, independently of the observed word. */
    private static Codeword innocent(SplittableRandom random) {
        boolean[] bits = new boolean[CODE.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = random.nextDouble() < CODE.bias(i);
        }
        return Codeword.of(bits);
    }

    @Test
    void boundsTheEmpiricalInnocentTailAndIsNotVacuous() {
        // One-in-a-hundred-thousand erasures and flips do not matter; what matters is a skewed word:
        // 1 wherever the colluders differ puts 1s on low-bias positions, where innocents' rare 1s score high.
        ObservedWord word = forged(CollusionStrategy.ONE_WHERE_DIFFERENT, new NoisyChannel(0.2, 0.02), 3);
        SymmetricScore score = SymmetricScore.against(CODE, word);
        InnocentScoreBound bound = score.innocentBound();
        double[] levels = {0.5, 0.1, 1e-2, 1e-3};
        double[] thresholds = new double[levels.length];
        for (int k = 0; k < levels.length; k++) {
            thresholds[k] = bound.threshold(levels[k]);
        }
        int samples = 100_000;
        int[] above = new int[levels.length];
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < samples; n++) {
            double s = score.of(innocent(random));
            for (int k = 0; k < levels.length; k++) {
                above[k] += s >= thresholds[k] ? 1 : 0;
            }
        }
        for (int k = 0; k < levels.length; k++) {
            // The count may exceed samples * level only by chance: allow a one-in-a-million excursion.
            int allowed = BinomialDistribution.of(samples, levels[k]).inverseSurvivalProbability(1e-6);
            assertThat(above[k]).as("innocents above the %s threshold", levels[k]).isLessThanOrEqualTo(allowed);
        }
        // Chernoff is loose by the usual factor (about 10 at 1e-2 for a Gaussian-like sum), not by orders.
        assertThat(above[2]).isGreaterThan((int) (samples * 1e-2 / 50));
    }

    @Test
    void thresholdIsWhereTheBoundReachesTheLevel() {
        InnocentScoreBound bound = SymmetricScore.against(CODE, forged(CollusionStrategy.MAJORITY, NoisyChannel.NONE, 5))
                .innocentBound();
        for (double eps : new double[] {1e-2, 1e-6, 1e-12}) {
            double z = bound.threshold(eps);
            assertThat(bound.probabilityAtLeast(z)).isLessThanOrEqualTo(eps * (1 + 1e-9));
            assertThat(bound.probabilityAtLeast(z - 0.5)).isGreaterThan(eps);
        }
        assertThat(bound.probabilityAtLeast(0)).isEqualTo(1);
        assertThat(bound.probabilityAtLeast(-50)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(CollusionStrategy.class)
    void wordDependentThresholdBeatsTheFixedOnes(CollusionStrategy strategy) {
        TardosParameters p = CODE.parameters();
        double z = SymmetricScore.against(CODE, forged(strategy, NoisyChannel.NONE, 9)).innocentBound()
                .threshold(p.falseAccusation());
        // Rigorous either way; Bennett must cover the worst word, so it is always the higher one.
        assertThat(z).isLessThan(p.fixedThreshold());
        // Measured about 143-147 against the fixed 186, the Gaussian sqrt(2 m ln(1/eps1)) = 151, and the
        // asymptotic pi c ln(1/eps1) = 130 that goes with the (shorter) asymptotic length.
        assertThat(z).isBetween(0.85 * p.asymptoticThreshold(), Math.sqrt(2 * p.codeLength() * Math.log(1e6)));
    }

    @Test
    void erasedPositionsCountForNothing() {
        int m = CODE.length();
        ObservedWord allErased = ObservedWord.fromVotes(new int[m], new int[m]);
        InnocentScoreBound nothing = SymmetricScore.against(CODE, allErased).innocentBound();
        assertThat(nothing.positions()).isZero();
        assertThat(nothing.threshold(1e-6)).isInfinite();
        assertThat(nothing.probabilityAtLeast(0)).isEqualTo(1);
        assertThat(nothing.probabilityAtLeast(1e-3)).isZero();
        assertThat(SymmetricScore.against(CODE, allErased).of(CODE.codewordFor("a"))).isZero();

        int[] zeros = new int[m];
        int[] ones = new int[m];
        ones[0] = 3;
        InnocentScoreBound one = SymmetricScore.against(CODE, ObservedWord.fromVotes(zeros, ones)).innocentBound();
        assertThat(one.positions()).isEqualTo(1);
        // One position cannot make anything improbable enough for eps1 = 1e-6 ...
        assertThat(one.threshold(1e-6)).isInfinite();
        // ... and its only high value, sqrt((1-p)/p), is reached with probability exactly p.
        double p = CODE.bias(0);
        assertThat(one.maximumScore()).isCloseTo(Math.sqrt((1 - p) / p), within(1e-12));
        assertThat(one.probabilityAtLeast(one.maximumScore())).isCloseTo(p, within(1e-12));
    }

    @Test
    void scoresAreMeanZeroVarianceOneForInnocentsWhateverTheWord() {
        ObservedWord word = forged(CollusionStrategy.ZERO_WHERE_DIFFERENT, NoisyChannel.NONE, 2);
        SymmetricScore score = SymmetricScore.against(CODE, word);
        SplittableRandom random = new SplittableRandom(4);
        int n = 4000;
        double sum = 0;
        double squares = 0;
        for (int k = 0; k < n; k++) {
            double s = score.of(innocent(random));
            sum += s;
            squares += s * s;
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        double m = CODE.length();
        assertThat(mean).isCloseTo(0, within(5 * Math.sqrt(m / n)));
        assertThat(variance / m).isCloseTo(1, within(0.1));
    }
}
