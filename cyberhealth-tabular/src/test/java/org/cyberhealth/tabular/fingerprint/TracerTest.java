package org.cyberhealth.tabular.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;

class TracerTest {

    private static final TardosCode CODE = TardosCode.generate(TardosParameters.defaults(), new byte[32]);
    private static final List<String> IDS = ids(100);
    private static final Map<String, Codeword> WORDS = CODE.codewordsFor(IDS);

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("lab-" + i);
        }
        return ids;
    }

    private static ObservedWord leak(CollusionStrategy strategy, long seed, String... colluders) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Codeword> coalition = Arrays.stream(colluders).map(WORDS::get).toList();
        return ObservedWord.of(Codeword.of(strategy.forge(coalition, random)));
    }

    @Test
    void namesTheColludersWithBoundsAndRanksThemFirst() {
        Trace trace = new Tracer(CODE).trace(leak(CollusionStrategy.INTERLEAVING, 1, "lab-7", "lab-30", "lab-99"), WORDS);

        assertThat(trace.ranking()).hasSize(100);
        assertThat(trace.positionsRead()).isEqualTo(CODE.length());
        assertThat(trace.falseAccusation()).isEqualTo(1e-6);
        assertThat(trace.accused()).isNotEmpty()
                .allSatisfy(a -> assertThat(a.recipient()).isIn("lab-7", "lab-30", "lab-99"))
                .allSatisfy(a -> assertThat(a.innocentBound()).isLessThanOrEqualTo(1e-6))
                .allSatisfy(a -> assertThat(a.score()).isGreaterThanOrEqualTo(trace.threshold() - 1e-6));
        for (int i = 1; i < trace.ranking().size(); i++) {
            Accusation previous = trace.ranking().get(i - 1);
            Accusation a = trace.ranking().get(i);
            assertThat(a.score()).isLessThanOrEqualTo(previous.score());
            assertThat(a.innocentBound()).isGreaterThanOrEqualTo(previous.innocentBound());
            assertThat(a.unionBound()).isEqualTo(Math.min(1, 100 * a.innocentBound()));
            assertThat(a.accused()).isEqualTo(a.innocentBound() <= 1e-6);
        }
    }

    @Test
    void aLoneLeakerIsAccusedWithAnAstronomicallySmallBound() {
        Trace trace = new Tracer(CODE).trace(ObservedWord.of(WORDS.get("lab-5")), WORDS);
        Accusation top = trace.ranking().get(0);
        assertThat(top.recipient()).isEqualTo("lab-5");
        assertThat(top.innocentBound()).isLessThan(1e-60);
        assertThat(trace.accused()).hasSize(1);
    }

    @Test
    void colludersOutscoreInnocentsOnAverage() {
        SplittableRandom random = new SplittableRandom(3);
        double colluderSum = 0;
        double innocentSum = 0;
        int coalitions = 30;
        for (int k = 0; k < coalitions; k++) {
            List<String> coalition = List.of(IDS.get(3 * k), IDS.get(3 * k + 1), IDS.get(3 * k + 2));
            ObservedWord word = ObservedWord.of(Codeword.of(CollusionStrategy.values()[k % 6]
                    .forge(coalition.stream().map(WORDS::get).toList(), random)));
            SymmetricScore score = SymmetricScore.against(CODE, word);
            for (String id : IDS) {
                if (coalition.contains(id)) {
                    colluderSum += score.of(WORDS.get(id));
                } else {
                    innocentSum += score.of(WORDS.get(id));
                }
            }
        }
        double colluderMean = colluderSum / (3 * coalitions);
        double innocentMean = innocentSum / (97 * coalitions);
        // Coalition total per position is at least mu = 0.689: a colluder averages about m mu / 3 = 190.
        assertThat(colluderMean).isGreaterThan(CODE.length() * 0.689 / 3 * 0.9);
        // Innocents: mean 0, standard deviation sqrt(m) / sqrt(2910) = 0.53 for this average.
        assertThat(innocentMean).isBetween(-3.0, 3.0);
    }

    @Test
    void aCoalitionLargerThanTheCodeMayEscapeButFramesNoInnocent() {
        SimulationResult six = FingerprintSimulation.of(TardosParameters.defaults(), CollusionStrategy.MAJORITY)
                .withColluders(6).withCoalitions(40).run();
        assertThat(six.innocentsAccused()).isZero();
    }

    @Test
    void mismatchedLengthsAndBoundsAreBadInput() {
        Tracer tracer = new Tracer(CODE);
        ObservedWord shortWord = ObservedWord.of(Codeword.of(true, false));
        assertThatThrownBy(() -> tracer.trace(shortWord, WORDS)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2 positions but the code has 827");
        ObservedWord word = ObservedWord.of(WORDS.get("lab-1"));
        assertThatThrownBy(() -> tracer.trace(word, Map.of("x", Codeword.of(true))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("1 bits");
        assertThatThrownBy(() -> new Tracer(CODE, 0)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new Tracer(CODE, 1)).isInstanceOf(BadInputException.class);
    }
}
