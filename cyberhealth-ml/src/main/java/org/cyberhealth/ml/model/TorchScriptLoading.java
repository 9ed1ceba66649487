package org.cyberhealth.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * Loads a user's TorchScript module into DJL's PyTorch engine as a white-box classifier. The module is
 * loaded with its parameters in training form ({@code trainParam}): PyTorch refuses to back-propagate
 * through tensors created in inference mode, and attacks need the input gradient.
 */
final class TorchScriptLoading {

    private TorchScriptLoading() {
    }

    static DjlClassifier load(ModelSource.TorchScript source, InputSpec input, List<String> classes) {
        ZooModel<NDList, NDList> model = module(source.file());
        try {
            DjlClassifier classifier = DjlClassifier.of(model, input, classes, source.layout(), source.output());
            checkOutputs(classifier, source.file());
            return classifier;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Loads the TorchScript module in {@code file}, in eval mode, with its parameters in training form; close it when done. */
    static ZooModel<NDList, NDList> module(Path file) {
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(file).optEngine("PyTorch").optTranslator(new NoopTranslator())
                .optOption("trainParam", "true").build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new BadInputException(file + " is not a TorchScript module PyTorch can load: " + firstLine(e), e);
        }
        if (!(model.getBlock() instanceof PtSymbolBlock module)) {
            model.close();
            throw new BadInputException(file + " did not load as a TorchScript module");
        }
        // Eval mode: dropout off, batch normalisation on its running statistics, as in deployment.
        JniUtils.enableInferenceMode(module);
        return model;
    }

    /** One blank image through the module: the declared input shape and class count must fit it. */
    private static void checkOutputs(DjlClassifier classifier, Path file) {
        InputSpec input = classifier.input();
        float[] blank = new float[input.size()];
        Arrays.fill(blank, input.lower());
        try {
            classifier.predict(new float[][] {blank});
        } catch (RuntimeException e) {
            throw new BadInputException(file + " does not fit the declared input (" + input.channels() + "x" + input.height() + "x"
                    + input.width() + ") and classes (" + classifier.classes().size() + "): " + firstLine(e), e);
        }
    }

    static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
