package org.cyberhealth.tabular.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFilesTest {

    @TempDir
    Path folder;

    static final TableSchema SCHEMA = new TableSchema("measurement", List.of("measurement_id"), false, List.of(
            new ColumnSpec("measurement_id", ColumnType.INTEGER, 0, false, 0, List.of()),
            new ColumnSpec("value_as_number", ColumnType.DECIMAL, 2, true, 1, List.of()),
            new ColumnSpec("measurement_date", ColumnType.DATE, 0, true, 1, List.of()),
            new ColumnSpec("measurement_datetime", ColumnType.DATE, 0, false, 0, List.of(), "measurement_date"),
            new ColumnSpec("unit", ColumnType.CATEGORICAL, 0, true, 1, List.of("mg/dL", "mmol/L", "yes: no")),
            new ColumnSpec("note", ColumnType.TEXT, 0, false, 0, List.of())));

    @Test
    void yamlAndJsonFilesHoldTheSameSchema() {
        Path yaml = folder.resolve("m.yaml");
        Path json = folder.resolve("m.json");
        SchemaFiles.write(SCHEMA, yaml, false);
        SchemaFiles.write(SCHEMA, json, false);
        assertThat(SchemaFiles.read(yaml)).isEqualTo(SCHEMA);
        assertThat(SchemaFiles.read(json)).isEqualTo(SCHEMA);
        assertThat(SchemaFiles.toYaml(SCHEMA)).startsWith("format: ").contains("follows: measurement_date");
    }

    @Test
    void handWrittenYamlReads() throws Exception {
        Path file = folder.resolve("lab.yml");
        Files.writeString(file, """
                # lab results handed to research teams
                table: lab
                key: [lab_id]
                columns:
                  - {name: lab_id, type: integer}
                  - name: glucose
                    type: decimal
                    scale: 1
                    mark: true
                    maxChange: 2
                """);
        TableSchema schema = SchemaFiles.read(file);
        assertThat(schema.key()).containsExactly("lab_id");
        assertThat(schema.markedColumns()).singleElement().satisfies(c -> {
            assertThat(c.scale()).isEqualTo(1);
            assertThat(c.maxChange()).isEqualTo(2);
        });
    }

    @Test
    void hostileYamlGetsOneClearLineQuickly() throws Exception {
        StringBuilder laughs = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char previous = (char) (c - 1);
            laughs.append(c).append(": &").append(c).append(" [*").append(previous).append(", *").append(previous)
                    .append(", *").append(previous).append(", *").append(previous).append(", *").append(previous).append("]\n");
        }
        String deep = "key: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";
        String[] hostile = {laughs.toString(), deep, "key: [a]\nkey: [b]\ncolumns: []\n", "- just\n- a list\n", "key: [\n"};
        for (String text : hostile) {
            Path file = Files.writeString(folder.resolve("hostile.yaml"), text);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> SchemaFiles.read(file))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(file.toString())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")));
        }
    }
}
