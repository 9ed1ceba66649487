package org.cyberhealth.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.cyberhealth.ml.data.Split;
import org.junit.jupiter.api.Test;

class TrainingTest {

    private static final Path DATA = Path.of("../samples/ml");

    @Test
    void theBreastCancerRecipeReachesAtLeast96PercentOnHeldOutTumours() {
        TrainedNetwork network = Training.run(UseCase.BREAST_CANCER.recipe(), UseCase.BREAST_CANCER.data(DATA), epoch -> {});
        // Logistic regression reaches about 96-97% on this table; the recipe gives 99.1% here (one thread: reproducible on a
        // machine; another CPU may round differently, hence the margin).
        assertThat(network.score().accuracy()).isGreaterThanOrEqualTo(0.96);
        assertThat(network.weights()).hasSize(3);
        assertThat(network.weights().get(0)).hasSize(16 * 30);
        assertThat(network.weights().get(1)).isNull();
    }

    @Test
    void theDiabetesRegressionBeatsPredictingTheMeanAndExportsInTargetUnits() throws Exception {
        Split split = UseCase.DIABETES.data(DATA);
        TrainedNetwork network = Training.run(UseCase.DIABETES.recipe(), split, epoch -> {});
        assertThat(network.score().r2()).isGreaterThan(0.25);
        assertThat(network.score().rmse()).isLessThan(70);
        JsonNode model = new ObjectMapper().readTree(HeModelExport.toJson(network));
        assertThat(model.path("format").asText()).isEqualTo("cyberhealth-he-model/1");
        assertThat(model.path("input").asInt()).isEqualTo(10);
        assertThat(model.path("layers")).hasSize(3);
        // The last bias carries the target's mean back (progression scores are around 150).
        assertThat(model.path("layers").get(2).path("bias").get(0).asDouble()).isBetween(100.0, 200.0);
        // the recipe recorded in the file names the activation's coefficients, so two trainings write the same file
        assertThat(model.path("training").path("recipe").asText()).contains("Polynomial[coefficients=[0.0, 1.0, 0.1]]");
    }
}
