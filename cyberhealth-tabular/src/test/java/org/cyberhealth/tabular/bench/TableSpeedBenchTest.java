package org.cyberhealth.tabular.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.testing.Tables;
import org.cyberhealth.tabular.watermark.MarkParameters;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSpeedBenchTest {

    @TempDir
    Path folder;

    @Test
    void everyRunMarksIntoANewOutputAndEveryDetectionFindsTheMark() {
        InMemoryTable template;
        try (TableReader reader = TableLocation.parse(Tables.measurementCsv().toString()).openReader()) {
            template = InMemoryTable.read(reader);
        }
        TableSchema schema = new TableSchema("measurement", List.of("measurement_id"), false,
                List.of(new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 1, List.of())));
        TableSpeedBench bench = new TableSpeedBench(schema, MarkingKey.fromSecret(new byte[32]), new MarkParameters(1, 64, 0), 3);

        TableSpeedBench.Result result = bench.run(folder, template, 20_000, "measurement_id", List.of("value_as_number"));

        assertThat(result.outcomes()).extracting(TableSpeedBench.Outcome::store)
                .containsExactly("CSV", "CSV", "SQLite, into another file", "SQLite", "SQLite, into the same file");
        for (TableSpeedBench.Outcome outcome : result.outcomes()) {
            assertThat(outcome.rows()).isEqualTo(20_000);
            assertThat(outcome.seconds()).isPositive().isLessThanOrEqualTo(outcome.medianSeconds());
            if (outcome.operation().equals("detect")) {
                assertThat(outcome.result()).startsWith("found");
            }
        }
        // A replaced output would have made the later runs a different job: each run wrote its own table.
        for (int run = 0; run < 3; run++) {
            assertThat(Tables.load(TableLocation.parse(folder.resolve("generated.db") + "#measurement_marked_" + run)).rows()).hasSize(20_000);
        }
        assertThat(result.utility().meansWithin(0.1)).isTrue();
    }
}
