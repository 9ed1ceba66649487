package org.cyberhealth.tabular.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.bench.SyntheticTable;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.testing.PostgresServer;
import org.cyberhealth.tabular.testing.Tables.Loaded;
import org.cyberhealth.tabular.testing.Tables;
import org.cyberhealth.tabular.watermark.MarkParameters;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.cyberhealth.tabular.watermark.TableMarker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableLocationTest {

    @TempDir
    Path folder;

    static final Loaded MEASUREMENT = Tables.load(Tables.measurementCsv());

    private static void copy(TableLocation from, TableLocation to) {
        try (TableReader reader = from.openReader()) {
            to.write(reader.header(), false, sink -> {
                String[] row;
                while ((row = reader.next()) != null) {
                    sink.write(row);
                }
            });
        }
    }

    private static void assertSameCells(Loaded actual, Loaded expected) {
        assertThat(actual.header().columns()).isEqualTo(expected.header().columns());
        assertThat(actual.rows()).hasSameSizeAs(expected.rows());
        for (int r = 0; r < expected.rows().size(); r++) {
            String[] want = expected.rows().get(r);
            String[] got = actual.rows().get(r);
            for (int c = 0; c < want.length; c++) {
                String normalised = got[c] == null ? "" : got[c];
                assertThat(normalised).as("row %d column %s", r, expected.header().columns().get(c)).isEqualTo(want[c]);
            }
        }
    }

    @Test
    void locationsAreReadFromTheirText() {
        assertThat(TableLocation.parse("lab.csv")).isEqualTo(new CsvLocation(Path.of("lab.csv"), ','));
        assertThat(TableLocation.parse("lab.TSV")).isEqualTo(new CsvLocation(Path.of("lab.TSV"), '\t'));
        assertThat(TableLocation.parse("w.db#cdm")).isEqualTo(new JdbcLocation("jdbc:sqlite:w.db", "cdm"));
        assertThat(TableLocation.parse("jdbc:postgresql://h/db?user=u&password=secret#s.t").describe()).doesNotContain("secret").endsWith("#s.t");
        assertThatThrownBy(() -> TableLocation.parse("jdbc:postgresql://h/db")).isInstanceOf(BadInputException.class).hasMessageContaining("#");
    }

    @Test
    void csvAndTsvRoundTripEveryCell() {
        TableLocation tsv = TableLocation.parse(folder.resolve("m.tsv").toString());
        TableLocation csv = TableLocation.parse(folder.resolve("m.csv").toString());
        copy(TableLocation.parse(Tables.measurementCsv().toString()), tsv);
        copy(tsv, csv);
        assertSameCells(Tables.load(csv), MEASUREMENT);
    }

    @Test
    void sqliteRoundTripsEveryCellAndNeverCreatesAnInputDatabase() {
        TableLocation table = TableLocation.parse(folder.resolve("w.db") + "#measurement");
        copy(TableLocation.parse(Tables.measurementCsv().toString()), table);
        assertSameCells(Tables.load(table), MEASUREMENT);
        assertThatThrownBy(() -> TableLocation.parse(folder.resolve("absent.db") + "#t").openReader())
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
        assertThat(folder.resolve("absent.db")).doesNotExist();
        assertThatThrownBy(() -> copy(TableLocation.parse(Tables.measurementCsv().toString()), table))
                .isInstanceOf(BadInputException.class).hasMessageContaining("already exists");
    }

    @Test
    void postgresqlRoundTripsEveryCellThroughTextAndTypedColumns() throws SQLException {
        String url = PostgresServer.jdbcUrl();
        TableLocation text = TableLocation.parse(url + "#measurement_text");
        copy(TableLocation.parse(Tables.measurementCsv().toString()), text);
        Loaded expected = sortedById(MEASUREMENT);
        assertSameCells(sortedById(Tables.load(text)), expected);
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE measurement_typed AS SELECT measurement_id::bigint, person_id::bigint,"
                    + " measurement_date::date, NULLIF(value_as_number, '')::numeric AS value_as_number FROM measurement_text");
        }
        TableLocation typed = TableLocation.parse(url + "#measurement_typed");
        TableLocation copied = TableLocation.parse(url + "#measurement_typed_copy");
        copy(typed, copied);
        // SQL promises no row order without ORDER BY: compare the tables sorted by their key.
        Loaded original = sortedById(Tables.load(typed));
        assertThat(original.header().types().get(3).jdbcType()).isEqualTo(Types.NUMERIC);
        assertSameCells(sortedById(Tables.load(copied)), withoutNulls(original));
        int value = original.column("value_as_number");
        for (int r = 0; r < MEASUREMENT.rows().size(); r++) {
            assertThat(String.valueOf(original.rows().get(r)[value]).replace("null", "")).isEqualTo(expected.rows().get(r)[expected.column("value_as_number")]);
        }
    }

    private static Loaded sortedById(Loaded table) {
        List<String[]> rows = new java.util.ArrayList<>(table.rows());
        rows.sort(java.util.Comparator.comparingLong(row -> Long.parseLong(row[0])));
        return new Loaded(table.header(), rows);
    }

    private static Loaded withoutNulls(Loaded table) {
        List<String[]> rows = table.rows().stream().map(row -> java.util.Arrays.stream(row).map(c -> c == null ? "" : c).toArray(String[]::new)).toList();
        return new Loaded(table.header(), rows);
    }

    @Test
    void aFailureHalfWayLeavesNoOutput() {
        TableLocation[] targets = {TableLocation.parse(folder.resolve("out.csv").toString()),
            TableLocation.parse(folder.resolve("new.db") + "#t")};
        for (TableLocation target : targets) {
            assertThatThrownBy(() -> target.write(TableHeader.untyped(List.of("a")), false, sink -> {
                sink.write(new String[] {"1"});
                throw new BadInputException("stop");
            })).hasMessage("stop");
        }
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void brokenCsvGivesOneClearError() throws IOException {
        Path ragged = folder.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n");
        assertThatThrownBy(() -> Tables.load(ragged)).isInstanceOf(BadInputException.class).hasMessageContaining("1 fields");
        Path empty = folder.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> Tables.load(empty)).isInstanceOf(BadInputException.class).hasMessageContaining("empty");
        Path duplicate = folder.resolve("dup.csv");
        Files.writeString(duplicate, "a,a\n1,2\n");
        assertThatThrownBy(() -> Tables.load(duplicate)).isInstanceOf(BadInputException.class).hasMessageContaining("twice");
    }

    @Test
    void aHugeFieldIsRefusedWithBoundedMemory() throws IOException {
        Path huge = folder.resolve("huge.csv");
        try (var out = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            out.write("a\n\"");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 17; i++) {
                out.write(chunk);
            }
        }
        assertThatThrownBy(() -> Tables.load(huge)).isInstanceOf(BadInputException.class).hasMessageContaining("not valid CSV");
    }

    @Test
    void aTableIsMarkedIntoAnotherTableOfTheSameSqliteFile() {
        TableLocation source = TableLocation.parse(folder.resolve("warehouse.db") + "#measurement");
        source.write(MEASUREMENT.header(), false, sink -> {
            // Enough rows (about 15 MB) that the writer must spill pages while the reader still streams.
            SyntheticTable rows = new SyntheticTable(MEASUREMENT.header(),
                    MEASUREMENT.rows(), 120_000, "measurement_id", List.of("value_as_number"), 1);
            String[] row;
            while ((row = rows.next()) != null) {
                sink.write(row);
            }
        });
        TableLocation target = TableLocation.parse(folder.resolve("warehouse.db") + "#measurement_lab42");
        TableSchema schema = new TableSchema("m", List.of("measurement_id"), false,
                List.of(new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 1, List.of())));
        TableMarker marker = new TableMarker(schema,
                MarkingKey.fromSecret(new byte[32]), new MarkParameters(1, 64, 0),
                new BitSet());
        long rows = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> marker.mark(source, target, false, p -> {}, report -> {}).rows());
        assertThat(rows).isEqualTo(120_000);
        assertThat(Tables.load(target).rows()).hasSize(120_000);
        assertThat(folder.toFile().list()).containsExactly("warehouse.db");
    }

    @Test
    void markingInsideSqliteGivesExactlyTheStreamingResult() {
        TableLocation csv = TableLocation.parse(Tables.measurementCsv().toString());
        TableLocation database = TableLocation.parse(folder.resolve("lab.db") + "#measurement");
        copy(csv, database);
        TableSchema schema = new TableSchema("m", List.of("measurement_id"), false, List.of(
                new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 1, List.of()),
                new ColumnSpec("measurement_date", ColumnType.DATE, 0, true, 1, List.of()),
                new ColumnSpec("measurement_datetime", ColumnType.DATE, 0, false, 0, List.of(), "measurement_date")));
        BitSet codeword = new BitSet();
        codeword.set(3);
        codeword.set(17);
        TableMarker marker = new TableMarker(schema, MarkingKey.fromSecret(new byte[32]), new MarkParameters(1, 64, 100), codeword);
        TableLocation streamed = TableLocation.parse(folder.resolve("streamed.csv").toString());
        TableLocation sameFile = TableLocation.parse(folder.resolve("lab.db") + "#measurement_marked");
        TableLocation otherFile = TableLocation.parse(folder.resolve("other.db") + "#measurement");
        var streamedReport = marker.mark(csv, streamed, false, p -> {}, r -> {});
        var inside = marker.mark(database, sameFile, false, p -> {}, r -> {});
        marker.mark(database, otherFile, false, p -> {}, r -> {});
        assertThat(inside).isEqualTo(streamedReport);
        Loaded expected = Tables.load(streamed);
        assertSameCells(Tables.load(sameFile), expected);
        assertSameCells(Tables.load(otherFile), expected);
        TableLocation refused = TableLocation.parse(folder.resolve("lab.db") + "#refused");
        assertThatThrownBy(() -> marker.mark(database, refused, false, p -> {}, r -> {
            throw new BadInputException("refused");
        })).hasMessage("refused");
        assertThatThrownBy(() -> Tables.load(refused)).isInstanceOf(BadInputException.class);
        for (String sameTable : new String[] {"measurement", "Measurement", "main.measurement"}) {
            TableLocation itself = TableLocation.parse(folder.resolve("lab.db") + "#" + sameTable);
            assertThatThrownBy(() -> marker.mark(database, itself, true, p -> {}, r -> {}))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("the output is the input table");
        }
        assertSameCells(Tables.load(database), Tables.load(csv));
    }

    /**
     * The marking plan reads the source packed in batches (UTF-8 databases) or row by row (the others), in
     * ranges of rowids, with the marked cells in a blob or, when long, from Java: negative rowids, gaps wider
     * than a range, cells with non-ASCII text, a NUL, no value or a long text must all come out as the
     * streaming marker writes them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-16le"})
    void markingInsideSqliteMatchesStreamingWhateverTheRowidsAndText(String encoding) throws SQLException {
        Path file = folder.resolve("gaps.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA encoding = '" + encoding + "'");
            sql.execute("CREATE TABLE lab (id TEXT, value TEXT, note TEXT)");
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement("INSERT INTO lab (rowid, id, value, note) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < 10_000; i++) {
                    long rowid = i < 5 ? i - 5 : i < 6_000 ? i : 1_000_000L * i;
                    insert.setLong(1, i == 9_999 ? Long.MAX_VALUE : rowid);
                    insert.setString(2, (i % 7 == 0 ? "é€\uD834\uDD1E-" : i % 11 == 0 ? "nul\0-" : "") + i);
                    String value = i % 13 == 0 ? null : (i % 500) / 10.0 + "";
                    insert.setString(3, value);
                    // The note repeats the value: past the room a cell has in the blob when it is long, so those rows call Java.
                    insert.setString(4, i % 3 == 0 ? null : value + (i % 2 == 0 ? " mmol/L, measured twice at the bedside, fasting" : ""));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        TableSchema schema = new TableSchema("lab", List.of("id"), false, List.of(
                new ColumnSpec("value", ColumnType.DECIMAL, 1, true, 1, List.of()),
                new ColumnSpec("note", ColumnType.CATEGORICAL, 0, false, 0, List.of(), "value")));
        TableMarker marker = new TableMarker(schema, MarkingKey.fromSecret(new byte[32]), new MarkParameters(1, 64, 0), new BitSet());
        TableLocation source = TableLocation.parse(file + "#lab");
        TableLocation inside = TableLocation.parse(folder.resolve("inside.db") + "#lab");
        TableLocation streamed = TableLocation.parse(folder.resolve("streamed.csv").toString());
        TableLocation sameFile = TableLocation.parse(file + "#lab_marked");
        var report = marker.mark(source, inside, false, p -> {}, r -> {});
        assertThat(report).isEqualTo(marker.mark(source, streamed, false, p -> {}, r -> {}));
        assertThat(report).isEqualTo(marker.mark(source, sameFile, false, p -> {}, r -> {}));
        assertThat(report.changed()).isGreaterThan(3_000);
        assertSameCells(Tables.load(inside), Tables.load(streamed));
        assertSameCells(Tables.load(sameFile), Tables.load(streamed));
    }

    @Test
    void copiesOfUntypedSqliteColumnsKeepEachValueAsStored() throws SQLException {
        Path file = folder.resolve("untyped.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE lab (id, code, value)");
            for (int i = 0; i < 200; i++) {
                Object value = i % 3 == 0 ? (Object) (i + 0.25) : i % 3 == 1 ? (Object) i : "'" + i + ".50'";
                sql.execute("INSERT INTO lab VALUES (" + i + ", '00" + i + "', " + value + ")");
            }
        }
        TableSchema schema = new TableSchema("lab", List.of("id"), false,
                List.of(new ColumnSpec("value", ColumnType.DECIMAL, 2, true, 1, List.of())));
        TableMarker marker = new TableMarker(schema, MarkingKey.fromSecret(new byte[32]), new MarkParameters(1, 64, 0), new BitSet());
        TableLocation source = TableLocation.parse(file + "#lab");
        TableLocation inside = TableLocation.parse(folder.resolve("inside.db") + "#lab");
        TableLocation streamed = TableLocation.parse(folder.resolve("streamed.csv").toString());
        var report = marker.mark(source, inside, false, p -> {}, r -> {});
        marker.mark(source, streamed, false, p -> {}, r -> {});
        assertThat(report.changed()).isGreaterThan(50);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("inside.db"));
                Statement sql = connection.createStatement()) {
            sql.execute("ATTACH DATABASE '" + file + "' AS original");
            var differentClass = sql.executeQuery("SELECT count(*) FROM lab JOIN original.lab o USING (id)"
                    + " WHERE typeof(lab.code) != typeof(o.code) OR lab.code != o.code OR typeof(lab.value) != typeof(o.value)"
                    + " AND NOT (typeof(o.value) = 'integer' AND typeof(lab.value) = 'real' AND lab.value != CAST(lab.value AS INTEGER))");
            differentClass.next();
            assertThat(differentClass.getInt(1)).isZero();
        }
        Loaded marked = Tables.load(inside);
        Loaded expected = Tables.load(streamed);
        for (int r = 0; r < expected.rows().size(); r++) {
            // A REAL cell reads back in SQLite's shortest form: 3.2 for the text 3.20.
            assertThat(new java.math.BigDecimal(marked.rows().get(r)[2])).isEqualByComparingTo(expected.rows().get(r)[2]);
        }
    }
}
