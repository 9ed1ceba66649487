package org.cyberhealth.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained in PyTorch outside the project (models/torch/train_pneumonia_torch.py, Debian's
 * python3-torch 1.13) and handed over as TorchScript and as ONNX: both load from their descriptors and
 * give what PyTorch gave, and the TorchScript one also gives input gradients.
 */
class UserModelFormatsTest {

    private static final Path TORCHSCRIPT = Path.of("../models/torch/pneumonia-torch.pt.json");
    private static final Path ONNX = Path.of("../models/torch/pneumonia-torch.onnx.json");
    private static final Path EXPECTED = Path.of("../models/torch/pneumonia-torch.expected.json");
    private static final Path DATA = Path.of("../samples/ml/ml/pneumoniamnist.npz");

    private static DjlClassifier torchScript;
    private static Classifier onnx;
    private static float[][] test;
    private static int[] labels;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        torchScript = ClassifierFile.read(TORCHSCRIPT).openWhiteBox();
        onnx = ClassifierFile.read(ONNX).open();
        expected = new ObjectMapper().readTree(Files.readString(EXPECTED));
        Dataset data = MedMnist.read(DATA, "test", "pneumonia", List.of("normal", "pneumonia"));
        test = new float[data.size()][];
        labels = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            test[i] = new float[data.width()];
            for (int p = 0; p < test[i].length; p++) {
                test[i][p] = (float) data.features()[i][p];
            }
            labels[i] = (int) data.targets()[i];
        }
    }

    @AfterAll
    static void close() {
        torchScript.close();
        onnx.close();
    }

    @Test
    void bothFormatsGivePyTorchsProbabilitiesOnTheFirstTestImages() {
        int n = expected.path("firstTestImages").asInt();
        float[][] first = java.util.Arrays.copyOf(test, n);
        float[][] fromTorchScript = torchScript.predict(first);
        float[][] fromOnnx = onnx.predict(first);
        for (int i = 0; i < n; i++) {
            double a = expected.path("logits").get(i).get(0).asDouble();
            double b = expected.path("logits").get(i).get(1).asDouble();
            double pneumonia = 1 / (1 + Math.exp(a - b));
            assertThat((double) fromTorchScript[i][1]).as("TorchScript, image %d", i).isCloseTo(pneumonia, offset(1e-5));
            assertThat((double) fromOnnx[i][1]).as("ONNX, image %d", i).isCloseTo(pneumonia, offset(1e-5));
        }
    }

    @Test
    void bothFormatsScoreWhatPyTorchScoredOnTheWholeTestPart() {
        double pyTorch = expected.path("testAccuracy").asDouble();
        // Float rounding may move an image that sits on the decision boundary: allow one image of 468.
        assertThat(accuracy(torchScript.predictLabels(test))).isCloseTo(pyTorch, offset(1.0 / test.length + 1e-9));
        assertThat(accuracy(onnx.predictLabels(test))).isCloseTo(pyTorch, offset(1.0 / test.length + 1e-9));
    }

    @Test
    void theTorchScriptModuleGivesInputGradientsThatMatchFiniteDifferences() {
        float[][] x = {test[3].clone()};
        int[] y = {labels[3]};
        float[] gradient = torchScript.lossGradient(x, y).gradient()[0];
        // ReLU and max-pooling are piecewise linear: a small step along the gradient changes the loss by
        // about step * |gradient|^2 (first order), which a wrong gradient would not.
        double norm2 = 0;
        for (float g : gradient) {
            norm2 += (double) g * g;
        }
        assertThat(norm2).isPositive();
        double step = 1e-3 / Math.sqrt(norm2);
        float[][] moved = {x[0].clone()};
        for (int p = 0; p < gradient.length; p++) {
            moved[0][p] = (float) Math.min(1, Math.max(0, x[0][p] + step * gradient[p]));
        }
        double change = torchScript.lossGradient(moved, y).loss()[0] - torchScript.lossGradient(x, y).loss()[0];
        assertThat(change).isCloseTo(step * norm2, offset(0.25 * step * norm2));
    }

    @Test
    void anOnnxModelIsRefusedForWhiteBoxUseWithAReason() {
        assertThatThrownBy(() -> ClassifierFile.read(ONNX).openWhiteBox()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("black-box model (onnx)");
    }

    @Test
    void descriptorsThatDoNotFitTheirModelAreRefused(@TempDir Path folder) throws IOException {
        Files.copy(TORCHSCRIPT.resolveSibling("pneumonia-torch.pt"), folder.resolve("pneumonia-torch.pt"));
        Files.copy(TORCHSCRIPT.resolveSibling("pneumonia-torch.onnx"), folder.resolve("pneumonia-torch.onnx"));
        String descriptor = Files.readString(TORCHSCRIPT);

        Path threeClasses = write(folder, "three.json", descriptor.replace("\"pneumonia\" ]", "\"pneumonia\", \"other\" ]"));
        assertThatThrownBy(() -> ClassifierFile.read(threeClasses).openWhiteBox()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not fit the declared input");

        Path wrongShape = write(folder, "shape.json", descriptor.replace("[ 1, 28, 28 ]", "[ 1, 32, 32 ]"));
        assertThatThrownBy(() -> ClassifierFile.read(wrongShape).openWhiteBox()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not fit the declared input (1x32x32)");

        Path twoSources = write(folder, "two.json", descriptor.replace("\"outputs\"", "\"onnx\" : \"pneumonia-torch.onnx\", \"outputs\""));
        assertThatThrownBy(() -> ClassifierFile.read(twoSources)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("exactly one of");

        Path badLayout = write(folder, "layout.json", descriptor.replace("\"NCHW\"", "\"CHWN\""));
        assertThatThrownBy(() -> ClassifierFile.read(badLayout)).isInstanceOf(BadInputException.class).hasMessageContaining("NCHW or NHWC");

        Path missing = write(folder, "missing.json", descriptor.replace("pneumonia-torch.pt", "absent.pt"));
        assertThatThrownBy(() -> ClassifierFile.read(missing).openWhiteBox()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");

        Path notAModel = write(folder, "garbage.json", descriptor.replace("pneumonia-torch.pt", "garbage.pt"));
        Files.write(folder.resolve("garbage.pt"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        assertThatThrownBy(() -> ClassifierFile.read(notAModel).openWhiteBox()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a TorchScript module");

        Path notOnnx = write(folder, "garbage-onnx.json", descriptor.replace("\"torchscript\" : \"pneumonia-torch.pt\"", "\"onnx\" : \"garbage.pt\""));
        assertThatThrownBy(() -> ClassifierFile.read(notOnnx).open()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not an ONNX model");
    }

    private static Path write(Path folder, String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private static double accuracy(int[] predicted) {
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / predicted.length;
    }
}
