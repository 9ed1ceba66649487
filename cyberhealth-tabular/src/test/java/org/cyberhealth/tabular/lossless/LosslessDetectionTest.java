package org.cyberhealth.tabular.lossless;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.tabular.attack.RowDeletion;
import org.cyberhealth.tabular.attack.RowInsertion;
import org.cyberhealth.tabular.attack.RowShuffle;
import org.cyberhealth.tabular.attack.TableAttack;
import org.cyberhealth.tabular.testing.Tables;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The paper's robustness claims on a table of its kind: 100,000 hospital stays, the age (0 to 110) as
 * carrier, 200 groups of about 250 stays per sub-group, a shift of 3 years (2 alpha = 0.34 rad), a
 * 20-bit message carried by 10 groups a bit. The central-limit model predicts 95% carriers, and that
 * deleting half the stays flips 7% of them (inserting half as many fake stays, 4%): a majority of ten
 * then errs with a probability below 1e-5.
 */
class LosslessDetectionTest {

    static final int ROWS = 100_000;
    static final LosslessParameters PARAMETERS = new LosslessParameters(200, 3, SyntheticStays.AGES, RangeEnds.WRAP, 20);
    static final BitSet MESSAGE = LosslessFixtures.message(21, 20);
    static final LosslessWatermark MARK = mark(LosslessFixtures.key(20));
    static List<String[]> marked;
    static EmbeddingReport report;

    @BeforeAll
    static void embed() {
        marked = new ArrayList<>();
        report = MARK.embed(new SyntheticStays(ROWS, 5), marked::add, MESSAGE, p -> {});
    }

    static LosslessWatermark mark(MarkingKey key) {
        return new LosslessWatermark(SyntheticStays.SCHEMA, "age", key, PARAMETERS);
    }

    static Extraction detect(LosslessWatermark mark, List<String[]> table) {
        return mark.detect(Tables.reader(SyntheticStays.HEADER, table), p -> {});
    }

    static List<String[]> attacked(TableAttack attack, long seed) {
        List<String[]> rows = new ArrayList<>();
        attack.apply(Tables.reader(SyntheticStays.HEADER, marked), rows::add, new SplittableRandom(seed));
        return rows;
    }

    @Test
    void almostEveryGroupCarriesABitAsTheModelPredicts() {
        assertThat(report.carrierShare()).isGreaterThan(0.9);
        assertThat(report.flagged()).isZero();
        assertThat(report.idle()).isZero();
    }

    @Test
    void theMessageReadsBackExactlyWithoutAttack() {
        Extraction extraction = detect(MARK, marked);
        assertThat(extraction.errorsAgainst(MESSAGE)).isZero();
        assertThat(extraction.bits()).allSatisfy(bit -> assertThat(bit.reliability()).isEqualTo(1.0));
        assertThat(extraction.chanceMatch(MESSAGE)).isLessThan(1e-5);
    }

    @Test
    void theMessageSurvivesShufflingTheRows() {
        assertThat(detect(MARK, attacked(new RowShuffle(RowShuffle.DEFAULT_MAX_ROWS), 1)).errorsAgainst(MESSAGE)).isZero();
    }

    @Test
    void deletingHalfTheRowsLeavesTheMessageReadable() {
        for (long seed = 1; seed <= 3; seed++) {
            Extraction extraction = detect(MARK, attacked(new RowDeletion(0.5), seed));
            assertThat(extraction.bitErrorRate(MESSAGE)).as("seed %d", seed).isLessThanOrEqualTo(1 / 20.0);
            assertThat(extraction.chanceMatch(MESSAGE)).isLessThan(1e-4);
        }
    }

    @Test
    void insertingHalfAsManyFakeRowsLeavesTheMessageReadable() {
        for (long seed = 1; seed <= 3; seed++) {
            Extraction extraction = detect(MARK, attacked(new RowInsertion(0.5, List.of("stay_id")), seed));
            assertThat(extraction.bitErrorRate(MESSAGE)).as("seed %d", seed).isLessThanOrEqualTo(1 / 20.0);
        }
    }

    @Test
    void errorsGrowWithTheShareOfRowsDeleted() {
        double light = 0;
        double heavy = 0;
        for (long seed = 1; seed <= 3; seed++) {
            light += detect(MARK, attacked(new RowDeletion(0.3), seed)).bitErrorRate(MESSAGE);
            heavy += detect(MARK, attacked(new RowDeletion(0.9), seed)).bitErrorRate(MESSAGE);
        }
        assertThat(heavy).isGreaterThan(light);
        assertThat(heavy / 3).as("90% deleted: 25 stays a sub-group left, still better than chance").isLessThan(0.5);
    }

    @Test
    void theWrongKeyReadsCoinTosses() {
        Extraction extraction = detect(mark(LosslessFixtures.key(99)), marked);
        assertThat(extraction.bitErrorRate(MESSAGE)).isBetween(0.2, 0.8);
        assertThat(extraction.chanceMatch(MESSAGE)).isGreaterThan(1e-3);
    }

    @Test
    void anUnmarkedTableMatchesNoMessage() {
        List<String[]> original = new ArrayList<>();
        try (var reader = new SyntheticStays(ROWS, 5).open()) {
            String[] row;
            while ((row = reader.next()) != null) {
                original.add(row);
            }
        }
        Extraction extraction = detect(MARK, original);
        assertThat(extraction.bitErrorRate(MESSAGE)).isBetween(0.2, 0.8);
        assertThat(extraction.chanceMatch(MESSAGE)).isGreaterThan(1e-3);
    }
}
