package org.cyberhealth.tabular.lossless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.testing.Tables;
import org.junit.jupiter.api.Test;

class ParameterAdvisorTest {

    @Test
    void agesOfAMillionStayTableNeedAShiftOfAFewYears() {
        LosslessParameters advice = ParameterAdvisor.advise(new SyntheticStays(200_000, 5), SyntheticStays.SCHEMA, "age", RangeEnds.WRAP, 64, 0.95);
        assertThat(advice.groups()).isEqualTo(400);
        assertThat(advice.shift()).isBetween(2L, 5L);
        assertThat(advice.range()).isEqualTo(new ValueRange(0, 105));

        EmbeddingReport report = new LosslessWatermark(SyntheticStays.SCHEMA, "age", LosslessFixtures.key(2), advice)
                .embed(new SyntheticStays(200_000, 5), row -> {}, LosslessFixtures.message(3, 64), p -> {});
        assertThat(report.carrierShare()).isGreaterThan(0.9);
    }

    @Test
    void theLongTailedOmopValuesNeedAFarLargerShift() {
        TableSource omop = () -> Tables.reader(LosslessFixtures.OMOP.header(), LosslessFixtures.OMOP.rows());
        LosslessParameters advice = ParameterAdvisor.advise(omop, LosslessFixtures.MEASUREMENT, "value_as_number", RangeEnds.EXTEND, 16, 0.95);
        assertThat(advice.groups()).as("9,107 values: three groups a bit, about 95 values a sub-group").isEqualTo(48);
        assertThat(advice.shift()).as("in tenths").isBetween(50L, 300L);

        EmbeddingReport report = new LosslessWatermark(LosslessFixtures.MEASUREMENT, "value_as_number", LosslessFixtures.key(2), advice)
                .embed(omop, row -> {}, LosslessFixtures.message(3, 16), p -> {});
        assertThat(report.carrierShare()).isGreaterThan(0.85);
    }

    @Test
    void aShiftBeyondWhatTheSchemaAllowsIsRefused() {
        TableSource omop = () -> Tables.reader(LosslessFixtures.OMOP.header(), LosslessFixtures.OMOP.rows());
        TableSchema strict = new TableSchema("measurement", List.of("measurement_id"), false, List.of(
                new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 20, List.of())));
        assertThatThrownBy(() -> ParameterAdvisor.advise(omop, strict, "value_as_number", RangeEnds.EXTEND, 16, 0.95))
                .isInstanceOf(BadInputException.class).hasMessageContaining("allows 20 (maxChange)");
    }
}
