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

    /** A 1 x 3 x 3 image model, its layer list left open. */
    private static final String IMAGE = "{\"format\": \"cyberhealth-he-model/1\", \"input\": 9, \"inputShape\": [1, 3, 3], \"layers\": ";

    @Test
    void convolutionPoolingAndFlattenBecomeTheAffineMapsTheyAre() {
        HeModelFile.Described described = HeModelFile.parse(IMAGE + "[{\"type\": \"conv2d\", \"filters\": 2, \"kernel\": 2, \"stride\": 1,"
                + " \"weights\": [1, 0, 0, 1, 0, 0, 0, -1], \"bias\": [0.5, 0]}, {\"type\": \"avgpool2d\", \"size\": 2, \"stride\": 1},"
                + " {\"type\": \"flatten\"}, {\"type\": \"dense\", \"weights\": [[1, 1]], \"bias\": [0]}]}", "m.json");
        assertThat(described.model().layers()).hasSize(3);
        double[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        // Filter 0 adds the diagonal pair plus 0.5: windows give 6.5, 8.5, 12.5, 14.5, mean 10.5; filter 1 is minus the
        // bottom-right pixel: -5, -6, -8, -9, mean -7. The dense layer adds the two: 3.5.
        assertThat(described.model().predict(image)).containsExactly(3.5);
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
            IMAGE + "[{\"type\": \"conv2d\", \"filters\": 1, \"kernel\": 5, \"stride\": 1, \"weights\": [], \"bias\": [0]}]}",
            IMAGE + "[{\"type\": \"conv2d\", \"filters\": 1, \"kernel\": 2, \"stride\": 1, \"weights\": [1, 2, 3], \"bias\": [0]}]}",
            IMAGE + "[{\"type\": \"conv2d\", \"filters\": 4000, \"kernel\": 1, \"stride\": 1, \"weights\": [], \"bias\": []}]}",
            IMAGE + "[{\"type\": \"flatten\"}, {\"type\": \"avgpool2d\", \"size\": 2, \"stride\": 2}]}",
            "{\"format\": \"cyberhealth-he-model/1\", \"input\": 9, \"inputShape\": [1, 3, 4], \"layers\": []}",
        };
        for (String text : bad) {
            assertThatThrownBy(() -> HeModelFile.parse(text, "m.json")).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("m.json").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
