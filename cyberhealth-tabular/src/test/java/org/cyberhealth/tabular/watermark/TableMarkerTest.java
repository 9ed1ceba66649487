package org.cyberhealth.tabular.watermark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.testing.Tables;
import org.cyberhealth.tabular.testing.Tables.Loaded;
import org.junit.jupiter.api.Test;

class TableMarkerTest {

    static final TableSchema SCHEMA = new TableSchema("measurement", List.of("measurement_id"), false, List.of(
            new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 1, List.of()),
            new ColumnSpec("measurement_date", ColumnType.DATE, 0, false, 0, List.of())));
    static final MarkParameters PARAMETERS = new MarkParameters(1, 64, 200);
    static final Loaded ORIGINAL = Tables.load(Tables.measurementCsv());

    static MarkingKey key(long seed) {
        byte[] secret = new byte[32];
        new SplittableRandom(seed).nextBytes(secret);
        return MarkingKey.fromSecret(secret);
    }

    static BitSet codeword(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        BitSet bits = new BitSet();
        for (int i = 0; i < length; i++) {
            bits.set(i, random.nextBoolean());
        }
        return bits;
    }

    static List<String[]> mark(MarkingKey key, BitSet codeword) {
        List<String[]> marked = new ArrayList<>();
        new TableMarker(SCHEMA, key, PARAMETERS, codeword).mark(Tables.reader(ORIGINAL.header(), ORIGINAL.rows()), marked::add, p -> {});
        return marked;
    }

    static BitVotes votes(MarkingKey key, List<String[]> rows) {
        return new TableDetector(SCHEMA, key, PARAMETERS).votes(Tables.reader(ORIGINAL.header(), rows), p -> {});
    }

    @Test
    void onlyMarkedCellsChangeAndByAtMostTheDeclaredDistortion() {
        List<String[]> marked = mark(key(1), codeword(2, 200));
        int value = ORIGINAL.column("value_as_number");
        int changed = 0;
        for (int r = 0; r < marked.size(); r++) {
            String[] before = ORIGINAL.rows().get(r);
            String[] after = marked.get(r);
            for (int c = 0; c < before.length; c++) {
                if (c != value) {
                    assertThat(after[c]).isEqualTo(before[c]);
                } else if (!after[c].equals(before[c])) {
                    changed++;
                    assertThat(new BigDecimal(after[c]).subtract(new BigDecimal(before[c])).abs()).isLessThanOrEqualTo(new BigDecimal("0.1"));
                }
            }
        }
        assertThat(changed).as("about half the 9,107 values need a change").isBetween(4_000, 5_100);
    }

    @Test
    void theOwnerMarkAndTheCodewordReadBackExactly() {
        MarkingKey key = key(1);
        BitSet codeword = codeword(2, 200);
        BitVotes votes = votes(key, mark(key, codeword));
        OwnerMarkTest.Result owner = OwnerMarkTest.test(votes, key.ownerBits(64), 64, 1e-9);
        assertThat(owner.decided()).isEqualTo(64);
        assertThat(owner.matching()).isEqualTo(64);
        assertThat(owner.detected()).isTrue();
        for (int i = 0; i < 200; i++) {
            assertThat(votes.majority(64 + i)).as("codeword bit %d", i).isEqualTo(codeword.get(i) ? 1 : 0);
        }
    }

    @Test
    void unmarkedTablesAndOtherKeysAreNotDetectedAndTheirPValuesAreUniform() {
        List<String[]> marked = mark(key(1), codeword(2, 200));
        int belowOnePercent = 0;
        double smallest = 1;
        for (int seed = 100; seed < 300; seed++) {
            MarkingKey other = key(seed);
            List<String[]> table = seed % 2 == 0 ? ORIGINAL.rows() : marked;
            OwnerMarkTest.Result result = OwnerMarkTest.test(votes(other, table), other.ownerBits(64), 64, 1e-9);
            smallest = Math.min(smallest, result.pValue());
            if (result.pValue() <= 0.01) {
                belowOnePercent++;
            }
        }
        assertThat(smallest).isGreaterThan(1e-9);
        assertThat(belowOnePercent).as("false positives at the 1%% level among 200 tries").isLessThanOrEqualTo(8);
    }

    @Test
    void aTableWithoutTheMarkedColumnIsRefused() {
        TableSchema other = new TableSchema("measurement", List.of("measurement_id"), false,
                List.of(new ColumnSpec("no_such_column", ColumnType.INTEGER, 0, true, 1, List.of())));
        assertThatThrownBy(() -> new TableMarker(other, key(1), PARAMETERS, new BitSet())
                .mark(Tables.reader(ORIGINAL.header(), ORIGINAL.rows()), row -> {}, p -> {}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no_such_column");
    }

    @Test
    void datesMoveByAtMostADayAndTheDatetimeThatRepeatsThemFollows() throws Exception {
        Loaded observation = Tables.load(java.nio.file.Path.of(TableMarkerTest.class.getResource("/omop/observation.csv").toURI()));
        TableSchema schema = new TableSchema("observation", List.of("observation_id"), false, List.of(
                new ColumnSpec("observation_date", ColumnType.DATE, 0, true, 1, List.of()),
                new ColumnSpec("observation_datetime", ColumnType.DATE, 0, false, 0, List.of(), "observation_date")));
        MarkingKey key = key(3);
        List<String[]> marked = new ArrayList<>();
        new TableMarker(schema, key, PARAMETERS, codeword(4, 200)).mark(Tables.reader(observation.header(), observation.rows()), marked::add, p -> {});
        int date = observation.column("observation_date");
        int datetime = observation.column("observation_datetime");
        int moved = 0;
        for (int r = 0; r < marked.size(); r++) {
            java.time.LocalDate before = java.time.LocalDate.parse(observation.rows().get(r)[date]);
            java.time.LocalDate after = java.time.LocalDate.parse(marked.get(r)[date]);
            assertThat(Math.abs(after.toEpochDay() - before.toEpochDay())).isLessThanOrEqualTo(1);
            assertThat(marked.get(r)[datetime]).startsWith(marked.get(r)[date]).endsWith(" 00:00:00");
            moved += after.equals(before) ? 0 : 1;
        }
        assertThat(moved).isBetween(3_500, 4_600);
        BitVotes votes = new TableDetector(schema, key, PARAMETERS).votes(Tables.reader(observation.header(), marked), p -> {});
        assertThat(OwnerMarkTest.test(votes, key.ownerBits(64), 64, 1e-9).detected()).isTrue();
    }

    @Test
    void categoricalValuesCarryTheMarkAndGroupCountsBarelyMove() {
        List<String> codes = List.of("E11", "I10", "J45", "K21", "M54", "N39");
        org.cyberhealth.tabular.io.TableHeader header = org.cyberhealth.tabular.io.TableHeader.untyped(List.of("id", "code"));
        SplittableRandom random = new SplittableRandom(9);
        List<String[]> rows = new ArrayList<>();
        int[] weights = {30, 28, 15, 14, 7, 6};
        for (int i = 0; i < 20_000; i++) {
            int pick = random.nextInt(100);
            int c = 0;
            while (pick >= weights[c]) {
                pick -= weights[c++];
            }
            rows.add(new String[] {Integer.toString(i), codes.get(c)});
        }
        TableSchema schema = new TableSchema("diagnoses", List.of("id"), false,
                List.of(new ColumnSpec("code", ColumnType.CATEGORICAL, 0, true, 0, codes)));
        MarkingKey key = key(5);
        MarkParameters parameters = new MarkParameters(10, 64, 0);
        List<String[]> marked = new ArrayList<>();
        new TableMarker(schema, key, parameters, new BitSet()).mark(Tables.reader(header, rows), marked::add, p -> {});
        java.util.Map<String, Integer> before = new java.util.HashMap<>();
        java.util.Map<String, Integer> after = new java.util.HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            before.merge(rows.get(r)[1], 1, Integer::sum);
            after.merge(marked.get(r)[1], 1, Integer::sum);
            int from = codes.indexOf(rows.get(r)[1]);
            int to = codes.indexOf(marked.get(r)[1]);
            assertThat(to).as("a value only trades places with its partner").isIn(from, from ^ 1);
        }
        for (String code : codes) {
            assertThat(Math.abs(after.get(code) - before.get(code))).as(code).isLessThanOrEqualTo(before.get(code) / 20 + 30);
        }
        BitVotes votes = new TableDetector(schema, key, parameters).votes(Tables.reader(header, marked), p -> {});
        assertThat(OwnerMarkTest.test(votes, key.ownerBits(64), 64, 1e-9).detected()).isTrue();
        assertThat(OwnerMarkTest.test(new TableDetector(schema, key, parameters).votes(Tables.reader(header, rows), p -> {}),
                key.ownerBits(64), 64, 1e-9).detected()).isFalse();
    }
}
