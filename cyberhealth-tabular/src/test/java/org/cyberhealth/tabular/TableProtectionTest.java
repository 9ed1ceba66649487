package org.cyberhealth.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.tabular.fingerprint.Accusation;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.registry.RecipientRegistry;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.testing.PostgresServer;
import org.cyberhealth.tabular.testing.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak-tracing workflow through the Java API, on a real PostgreSQL server. */
class TableProtectionTest {

    static final TableSchema SCHEMA = new TableSchema("measurement", List.of("measurement_id"), false,
            List.of(new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 1, List.of())));

    @TempDir
    Path folder;

    @Test
    void copiesInPostgresqlAreMarkedDetectedAndTracedToTheirRecipient() {
        String url = PostgresServer.jdbcUrl();
        IssuerKey key = IssuerKey.generate("St. Example");
        try (RecipientRegistry registry = RecipientRegistry.open(folder.resolve("registry.db"))) {
            TableProtection tables = new TableProtection(key, registry);
            TableLocation original = TableLocation.parse(Tables.measurementCsv().toString());
            TableLocation warehouse = TableLocation.parse(url + "#measurement_api");
            TableLocation first = TableLocation.parse(url + "#measurement_team1");
            TableLocation second = TableLocation.parse(url + "#measurement_team2");
            tables.mark(original, first, false, SCHEMA, "team-1", "study", "e1", TableProtection.Settings.defaults(), p -> {});
            tables.mark(original, warehouse, false, SCHEMA, "team-0", "warehouse copy", "e0", TableProtection.Settings.defaults(), p -> {});
            tables.mark(warehouse, second, false, SCHEMA, "team-2", "study", "e2", TableProtection.Settings.defaults(), p -> {});

            assertThat(tables.detect(first, "measurement", 1e-9, p -> {}).owner().detected()).isTrue();
            TableProtection.TraceResult trace = tables.trace(first, "measurement", 1e-9, 1e-6, p -> {});
            assertThat(trace.trace().accused()).extracting(Accusation::recipient).containsExactly("team-1");
            assertThat(trace.candidates()).isEqualTo(3);
            assertThat(registry.exports("measurement")).extracting(RecipientRegistry.Export::recipient).containsExactly("team-1", "team-0", "team-2");
            assertThatThrownBy(() -> tables.mark(first, first, false, SCHEMA, "x", "", "e3", TableProtection.Settings.defaults(), p -> {}))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("in place");
        }
    }
}
