package org.cyberhealth.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SklearnTablesTest {

    static final Path DATA = Path.of("../samples/ml");

    @Test
    void theBreastCancerTableHas569TumoursOf30FeaturesAnd212Malignant() {
        Dataset table = SklearnTables.breastCancer(DATA.resolve("tabular/sklearn/breast_cancer.csv"));
        assertThat(table.size()).isEqualTo(569);
        assertThat(table.width()).isEqualTo(30);
        assertThat(table.classes()).containsExactly("malignant", "benign");
        assertThat(Arrays.stream(table.targets()).filter(t -> t == 0).count()).isEqualTo(212);
        assertThat(table.features()[0][0]).isEqualTo(17.99);
    }

    @Test
    void theDiabetesTableHas442PatientsOf10VariablesAndTheirProgression() {
        Path folder = DATA.resolve("tabular/sklearn");
        Dataset table = SklearnTables.diabetes(folder.resolve("diabetes_data_raw.csv.gz"), folder.resolve("diabetes_target.csv.gz"));
        assertThat(table.size()).isEqualTo(442);
        assertThat(table.width()).isEqualTo(10);
        assertThat(table.isClassification()).isFalse();
        assertThat(table.targets()[0]).isEqualTo(151.0);
        assertThat(table.features()[0]).startsWith(59, 2, 32.1);
    }

    @Test
    void aTableThatLiesAboutItsSizeOrHoldsTextIsRefusedWithTheLine(@TempDir Path dir) throws IOException {
        Path shortTable = dir.resolve("short.csv");
        Files.writeString(shortTable, "3,2,a,b\n1,2,0\n");
        assertThatThrownBy(() -> SklearnTables.breastCancer(shortTable)).isInstanceOf(BadInputException.class).hasMessageContaining("declares 3 samples");
        Path text = dir.resolve("text.csv");
        Files.writeString(text, "1,2,a,b\n1,x,0\n");
        assertThatThrownBy(() -> SklearnTables.breastCancer(text)).isInstanceOf(BadInputException.class).hasMessageContaining("line 2");
        Path badClass = dir.resolve("class.csv");
        Files.writeString(badClass, "1,2,a,b\n1,2,7\n");
        assertThatThrownBy(() -> SklearnTables.breastCancer(badClass)).isInstanceOf(BadInputException.class).hasMessageContaining("class must be 0 to 1");
        assertThatThrownBy(() -> SklearnTables.breastCancer(dir.resolve("absent.csv"))).isInstanceOf(BadInputException.class).hasMessageContaining("no such file");
    }
}
