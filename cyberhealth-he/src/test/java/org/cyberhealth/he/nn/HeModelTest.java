package org.cyberhealth.he.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeModelTest {

    @Test
    void foldingQuadraticsKeepsTheFunctionAndLeavesBareSquares() {
        Random random = new Random(4);
        HeModel model = new HeModel(List.of(
                new Layer.Affine(EncryptedInferenceTest.matrix(random, 6, 5), EncryptedInferenceTest.vector(random, 6)),
                new Layer.Polynomial(6, new double[] {0.3, 1, 0.1}),
                new Layer.Affine(EncryptedInferenceTest.matrix(random, 4, 6), EncryptedInferenceTest.vector(random, 4)),
                new Layer.Polynomial(4, new double[] {0, 1, 0.1}),
                new Layer.Affine(EncryptedInferenceTest.matrix(random, 2, 4), EncryptedInferenceTest.vector(random, 2)),
                new Layer.Polynomial(2, new double[] {0, 1, 0.1})));
        HeModel folded = model.withQuadraticsFolded();
        assertThat(((Layer.Polynomial) folded.layers().get(1)).isSquare()).isTrue();
        assertThat(((Layer.Polynomial) folded.layers().get(3)).isSquare()).isTrue();
        // The last activation has no affine map after it to absorb its constants: it stays as it was.
        assertThat(((Layer.Polynomial) folded.layers().get(5)).isSquare()).isFalse();
        for (int trial = 0; trial < 100; trial++) {
            double[] x = random.doubles(5, -3, 3).toArray();
            double[] expected = model.predict(x);
            double[] actual = folded.predict(x);
            for (int o = 0; o < expected.length; o++) {
                assertThat(actual[o]).isCloseTo(expected[o], org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(expected[o]))));
            }
        }
        assertThat(EncryptedInference.levels(model)).isEqualTo(3 + 2 + 2);
    }
}
