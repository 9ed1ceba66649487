package org.cyberhealth.tabular.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.testing.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaProfilerTest {

    private static TableSchema profile(Path csv) {
        try (TableReader reader = TableLocation.parse(csv.toString()).openReader()) {
            return SchemaProfiler.profile(reader, "t", SchemaProfiler.DEFAULT_SAMPLE_ROWS);
        }
    }

    @Test
    void proposesTheOmopMeasurementSchema() {
        TableSchema schema = profile(Tables.measurementCsv());
        assertThat(schema.key()).containsExactly("measurement_id");
        assertThat(schema.virtualKey()).isFalse();
        assertThat(schema.markedColumns()).extracting(ColumnSpec::name).containsExactly("value_as_number");
        assertThat(schema.column("measurement_date").orElseThrow().type()).isEqualTo(ColumnType.DATE);
        assertThat(schema.column("measurement_datetime").orElseThrow().follows()).isEqualTo("measurement_date");
        assertThat(schema.column("measurement_date").orElseThrow().follows()).isNull();
        assertThat(schema.column("person_id").orElseThrow().follows()).isNull();
    }

    @Test
    void aDatetimeThatDisagreesWithTheDateInOneRowDoesNotFollowIt(@TempDir Path folder) throws Exception {
        Path agreeing = Files.writeString(folder.resolve("agreeing.csv"),
                "visit_id,visit_date,visit_datetime\n1,2020-01-02,2020-01-02 10:00\n2,2020-01-03,2020-01-03T11:30\n3,2020-01-04,\n");
        Path disagreeing = Files.writeString(folder.resolve("disagreeing.csv"),
                "visit_id,visit_date,visit_datetime\n1,2020-01-02,2020-01-02 10:00\n2,2020-01-03,2020-01-04 00:10\n");
        assertThat(profile(agreeing).column("visit_datetime").orElseThrow().follows()).isEqualTo("visit_date");
        assertThat(profile(disagreeing).column("visit_datetime").orElseThrow().follows()).isNull();
        assertThat(profile(agreeing).column("visit_date").orElseThrow().follows()).isNull();
    }
}
