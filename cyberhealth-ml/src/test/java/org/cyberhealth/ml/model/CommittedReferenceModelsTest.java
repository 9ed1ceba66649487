package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import org.cyberhealth.ml.data.Split;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every committed reference classifier loads from its descriptor and still scores, on its recipe's test
 * part, the accuracy its descriptor records: the weights, the declared normalisation and the data belong
 * together.
 */
class CommittedReferenceModelsTest {

    @ParameterizedTest
    @EnumSource(ReferenceClassifier.class)
    void scoresWhatItsDescriptorRecords(ReferenceClassifier reference) {
        ClassifierFile file = ClassifierFile.read(Path.of("../models/" + reference.id() + ".json"));
        Split split = reference.data(Path.of("../samples/ml"));
        double recorded = file.training().path("testAccuracy").asDouble();
        try (DjlClassifier model = file.openWhiteBox()) {
            // Float rounding of the input may move one image on the decision boundary.
            assertThat(ClassifierTraining.accuracy(model, split.test())).isCloseTo(recorded, offset(1.0 / split.test().size() + 1e-9));
        }
        assertThat(file.classes()).isEqualTo(split.train().classes());
    }
}
