package org.cyberhealth.he.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeModelFileTest {

    @TempDir
    Path folder;

    @Test
    void aModelFileRoundTripsAndPredictsTheSame() {
        HeModel model = new HeModel(List.of(new Layer.Affine(new double[][] {{1, -2, 0.5}, {0.25, 0, 1}}, new double[] {0.1, -0.1}),
                new Layer.Polynomial(2, new double[] {0, 0, 1}), new Layer.Affine(new double[][] {{1, 1}}, new double[] {0})));
        HeModelFile.Described described = new HeModelFile.Described("toy", model, new double[] {1, 2, 3}, new double[] {2, 2, 2}, List.of("risk"));
        Path file = folder.resolve("toy.json");
        HeModelFile.write(described, file, false);
        HeModelFile.Described back = HeModelFile.read(file);
        double[] x = back.standardise(new double[] {3, 2, 1});
        assertThat(x).containsExactly(1, 0, -1);
        assertThat(back.model().predict(x)).containsExactly(model.predict(x));
        assertThat(back.outputs()).containsExactly("risk");
    }

    @Test
    void hostileOrInconsistentFilesAreRefusedWithOneLine() {
        String[] bad = {
            "[]",
            "{\"format\": \"cyberhealth-he-model/1\", \"input\": 100000000, \"layers\": []}",
            "{\"format\": \"cyberhealth-he-model/1\", \"input\": 2, \"layers\": [{\"type\": \"dense\", \"weights\": [[1, 2, 3]]}]}",
            "{\"format\": \"cyberhealth-he-model/1\", \"input\": 2, \"layers\": [{\"type\": \"dense\", \"weights\": [[1, \"x\"]]}]}",
            "{\"format\": \"cyberhealth-he-model/1\", \"input\": 2, \"layers\": [{\"type\": \"relu\"}]}",
            "{\"format\": \"cyberhealth-he-model/1\", \"input\": 2, \"layers\": [{\"type\": \"polynomial\", \"coefficients\": [1]}]}",
            "{\"format\": \"cyberhealth-he-model/1\", \"input\": 2, \"inputScale\": [1, 0], \"layers\": [{\"type\": \"dense\", \"weights\": [[1, 2]]}]}",
            "{\"format\": \"cyberhealth-he-model/1\", \"input\": 2, \"layers\": []}",
        };
        for (String text : bad) {
            assertThatThrownBy(() -> HeModelFile.parse(text, "m.json")).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("m.json").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
