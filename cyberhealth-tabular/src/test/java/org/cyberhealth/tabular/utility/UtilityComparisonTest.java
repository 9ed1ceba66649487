package org.cyberhealth.tabular.utility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.testing.Tables;
import org.junit.jupiter.api.Test;

class UtilityComparisonTest {

    static final TableHeader HEADER = TableHeader.untyped(List.of("id", "x", "y", "group"));
    static final TableSchema SCHEMA = new TableSchema("t", List.of("id"), false, List.of(
            new ColumnSpec("x", ColumnType.DECIMAL, 1, true, 1, List.of()),
            ColumnSpec.unmarked("y", ColumnType.DECIMAL, 1),
            new ColumnSpec("group", ColumnType.CATEGORICAL, 0, false, 0, List.of("a", "b"))));

    static List<String[]> table(double shift, String firstGroup) {
        SplittableRandom random = new SplittableRandom(1);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            double x = random.nextGaussian() * 2;
            rows.add(new String[] {Integer.toString(i), String.format(java.util.Locale.ROOT, "%.1f", x + shift),
                String.format(java.util.Locale.ROOT, "%.1f", x + random.nextGaussian()), i == 0 ? firstGroup : i % 2 == 0 ? "a" : "b"});
        }
        return rows;
    }

    static UtilityReport compare(List<String[]> original, List<String[]> copy) {
        return UtilityComparison.compare(() -> Tables.reader(HEADER, original), () -> Tables.reader(HEADER, copy), SCHEMA);
    }

    @Test
    void anIdenticalCopyChangesNothing() {
        UtilityReport report = compare(table(0, "a"), table(0, "a"));
        assertThat(report.largestMeanShiftInSd()).isZero();
        assertThat(report.largestCorrelationChange()).isZero();
        assertThat(report.numeric()).allSatisfy(c -> assertThat(c.histogramDistance()).isZero());
        assertThat(report.categorical().get(0).largestCountChange()).isZero();
        assertThat(report.meansWithin(UtilityReport.DEFAULT_MEAN_BOUND)).isTrue();
    }

    @Test
    void aShiftedColumnAndAMovedCategoryAreMeasured() {
        UtilityReport report = compare(table(0, "a"), table(0.5, "b"));
        UtilityReport.NumericChange x = report.numeric().get(0);
        assertThat(x.column()).isEqualTo("x");
        assertThat(x.meanShiftInSd()).isCloseTo(0.5 / x.sdBefore(), within(1e-9));
        assertThat(x.meanShiftInSd()).isGreaterThan(0.2);
        assertThat(report.meansWithin(0.1)).isFalse();
        assertThat(x.histogramDistance()).isGreaterThan(0.05);
        assertThat(report.numeric().get(1).meanShiftInSd()).isZero();
        assertThat(report.largestCorrelationChange()).isLessThan(1e-9);
        assertThat(report.categorical().get(0).largestCountChange()).isEqualTo(1);
    }
}
