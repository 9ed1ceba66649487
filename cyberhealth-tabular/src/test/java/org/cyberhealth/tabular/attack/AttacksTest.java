package org.cyberhealth.tabular.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.testing.Tables;
import org.cyberhealth.tabular.testing.Tables.Loaded;
import org.junit.jupiter.api.Test;

class AttacksTest {

    static final Loaded TABLE = Tables.load(Tables.measurementCsv());
    static final ColumnSpec VALUE = new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 1, List.of());

    static List<String[]> run(TableAttack attack, long seed) {
        List<String[]> out = new ArrayList<>();
        attack.apply(Tables.reader(TABLE.header(), TABLE.rows()), out::add, new SplittableRandom(seed));
        return out;
    }

    @Test
    void deletionKeepsAboutTheRequestedShare() {
        assertThat(run(new RowDeletion(0.9), 1).size()).isBetween(900, 1_110);
        assertThat(run(new RowDeletion(0), 1)).hasSize(TABLE.rows().size());
    }

    @Test
    void insertionAddsFakeRowsWithFreshKeys() {
        List<String[]> attacked = run(new RowInsertion(1.0, List.of("measurement_id")), 2);
        assertThat(attacked.size()).isEqualTo(2 * TABLE.rows().size());
        Set<String> ids = new HashSet<>();
        attacked.forEach(row -> ids.add(row[0]));
        assertThat(ids).as("every fake row has a key of its own").hasSize(attacked.size());
    }

    @Test
    void perturbationMovesTheRequestedShareByAtMostTheAmplitude() {
        List<String[]> attacked = run(new ValuePerturbation(0.3, 2, List.of(VALUE)), 3);
        int column = TABLE.column("value_as_number");
        int moved = 0;
        int values = 0;
        for (int r = 0; r < attacked.size(); r++) {
            String before = TABLE.rows().get(r)[column];
            String after = attacked.get(r)[column];
            if (before.isEmpty()) {
                assertThat(after).isEmpty();
                continue;
            }
            values++;
            BigDecimal change = new BigDecimal(after).subtract(new BigDecimal(before)).abs();
            assertThat(change).isLessThanOrEqualTo(new BigDecimal("0.2"));
            if (change.signum() != 0) {
                moved++;
            }
        }
        assertThat((double) moved / values).isBetween(0.27, 0.33);
    }

    @Test
    void roundingSelectionAndColumnAttacksDoWhatTheySay() {
        int column = TABLE.column("value_as_number");
        assertThat(run(new Rounding(0, List.of("value_as_number")), 1)).allSatisfy(row -> assertThat(row[column]).doesNotContain("."));
        assertThat(run(new SubsetSelection("unit_source_value", Set.of("kg")), 1))
                .allSatisfy(row -> assertThat(row[TABLE.column("unit_source_value")]).isEqualTo("kg")).isNotEmpty();
        ColumnDeletion deletion = new ColumnDeletion(Set.of("value_as_number"));
        assertThat(deletion.header(TABLE.header()).columns()).doesNotContain("value_as_number").hasSize(TABLE.header().size() - 1);
        assertThat(run(deletion, 1).get(0)).hasSize(TABLE.header().size() - 1);
        ColumnReordering reordering = new ColumnReordering(5);
        List<String> reordered = reordering.header(TABLE.header()).columns();
        assertThat(reordered).containsExactlyInAnyOrderElementsOf(TABLE.header().columns()).isNotEqualTo(TABLE.header().columns());
        String[] first = run(reordering, 1).get(0);
        assertThat(first[reordered.indexOf("measurement_id")]).isEqualTo(TABLE.rows().get(0)[0]);
        assertThat(run(new RowShuffle(RowShuffle.DEFAULT_MAX_ROWS), 1)).hasSameSizeAs(TABLE.rows()).isNotEqualTo(TABLE.rows());
    }

    @Test
    void collusionKeepsWhatTheCopiesAgreeOnAndMergesTheRest() {
        String[][] copies = {{"1", "10.0", "a"}, {"1", "10.1", "b"}, {"1", "10.1", "a"}};
        org.cyberhealth.tabular.io.TableHeader header = org.cyberhealth.tabular.io.TableHeader.untyped(List.of("id", "v", "c"));
        for (Collusion.Strategy strategy : Collusion.Strategy.values()) {
            List<String[]> merged = new ArrayList<>();
            List<org.cyberhealth.tabular.io.TableReader> readers = new ArrayList<>();
            for (String[] copy : copies) {
                readers.add(Tables.reader(header, List.<String[]>of(copy)));
            }
            new Collusion(strategy).apply(readers, merged::add, new SplittableRandom(1));
            assertThat(merged).hasSize(1);
            String[] row = merged.get(0);
            assertThat(row[0]).isEqualTo("1");
            switch (strategy) {
                case MAJORITY -> assertThat(row).containsExactly("1", "10.1", "a");
                case AVERAGE -> assertThat(row[1]).isEqualTo("10.1");
                case INTERLEAVE -> assertThat(List.of(copies)).anySatisfy(copy -> assertThat(copy).isEqualTo(row));
            }
        }
    }
}
