package org.cyberhealth.tabular.lossless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cyberhealth.tabular.lossless.LosslessFixtures.OMOP;

import java.nio.file.Path;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.testing.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole cycle through an embedded SQLite database: mark a table into a new table, restore into a third. */
class LosslessSqliteTest {

    @TempDir
    Path folder;

    @Test
    void aTableMarkedAndRestoredInSqliteComesBackCellForCell() {
        String database = folder.resolve("warehouse.db").toString();
        TableLocation original = TableLocation.parse(database + "#measurement");
        original.write(OMOP.header(), false, sink -> OMOP.rows().forEach(row -> sink.write(row.clone())));
        LosslessWatermark mark = LosslessFixtures.omopMark(LosslessFixtures.key(5), RangeEnds.EXTEND, 16);

        TableLocation marked = TableLocation.parse(database + "#measurement_marked");
        marked.write(OMOP.header(), false, sink -> mark.embed(original::openReader, sink, LosslessFixtures.message(6, 16), p -> {}));
        Extraction read;
        try (TableReader suspect = marked.openReader()) {
            read = mark.detect(suspect, p -> {});
        }
        TableLocation restored = TableLocation.parse(database + "#measurement_restored");
        restored.write(OMOP.header(), false, sink -> mark.restore(marked::openReader, sink, p -> {}));

        assertThat(read.errorsAgainst(LosslessFixtures.message(6, 16))).isZero();
        assertThat(LosslessRestorationTest.differingRows(Tables.load(marked).rows(), Tables.load(original).rows())).isGreaterThan(9_000);
        assertThat(LosslessRestorationTest.differingRows(Tables.load(restored).rows(), Tables.load(original).rows())).isZero();
    }
}
