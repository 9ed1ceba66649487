package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cyberhealth.ml.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTrainingTest {

    private static final Path DATA = Path.of("../samples/ml");

    @TempDir
    Path dir;

    @Test
    void oneEpochOfThePneumoniaCnnLearnsAndSurvivesAWriteAndReadBitForBit() {
        ReferenceClassifier reference = ReferenceClassifier.PNEUMONIA_CNN;
        Split split = reference.data(DATA);
        // One epoch (about a second on one core); the full recipe (10 epochs) reaches 86.1% here.
        ClassifierTraining.Trained trained = ClassifierTraining.run(reference, split, 1, reference.seed(), e -> {});
        assertThat(trained.testAccuracy()).isGreaterThan(0.7);
        Path file = dir.resolve("m.json");
        trained.write(file, false);
        float[][] images = new float[5][];
        for (int i = 0; i < images.length; i++) {
            images[i] = ClassifierTraining.toFloats(split.test().features()[i]);
        }
        ClassifierFile read = ClassifierFile.read(file);
        assertThat(read.input()).isEqualTo(trained.input());
        assertThat(read.classes()).containsExactly("normal", "pneumonia");
        try (DjlClassifier fresh = trained.load(); DjlClassifier loaded = read.openWhiteBox()) {
            assertThat(loaded.predict(images)).isDeepEqualTo(fresh.predict(images));
            assertThat(ClassifierTraining.accuracy(loaded, split.test())).isEqualTo(trained.testAccuracy());
        }
    }
}
