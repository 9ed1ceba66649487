package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.provenance.FeatureNetwork;
import org.cyberhealth.assess.provenance.RadioactiveDetection;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth provenance detect-data}: was a suspect model trained on the owner's radioactive images? */
@Command(name = "detect-data", mixinStandardHelpOptions = true,
        description = {"The radioactive-data test (Sablayrolles et al. 2020), by queries: the suspect's log-probabilities on",
            "clean images (the test part of --data) are regressed on the marking network's features, centred over the",
            "classes, set orthogonal to the marker's own task direction, and their cosine with the key-derived carriers is",
            "tested against Beta((m-1)/2, (m-1)/2); two classes give one test (w1 - w0 against u1 - u0), more are combined",
            "by Fisher's method. Any model that answers probabilities (DJL, TorchScript, ONNX, an endpoint); --marker must",
            "be the network mark-data used. On our binary 28 x 28 tasks a trace shows only when every training image was",
            "marked (docs/PROVENANCE.md): there 'not found' is no proof of innocence.",
            "Exit codes: 0 found (p <= --alpha), 1 not found, 2 bad input (shapes or classes that differ)."},
        footer = {"", "Example:", "  cyberhealth provenance detect-data --model suspect.json --key hospital.key",
            "  cyberhealth provenance detect-data --model suspect.json --key hospital.key --marker breastmnist-cnn \\",
            "      --data samples/ml/ml/breastmnist.npz --json"})
final class ProvenanceDetectData implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "The suspect: a name or a descriptor (.json) with DJL weights.")
    String model;

    @Option(names = "--key", required = true, description = "The issuer key file that marked the data.")
    Path key;

    @Option(names = "--marker", defaultValue = "pneumonia-cnn", description = "The marking network mark-data used (default: ${DEFAULT-VALUE}).")
    String marker;

    @Option(names = "--data", description = "MedMNIST-style .npz whose test part gives clean images for the alignment (default: bundled PneumoniaMNIST).")
    Path data;

    @Option(names = "--alpha", defaultValue = ProvenanceCommand.DEFAULT_ALPHA,
            description = "Probability, at most, of claiming a model trained without the marked images (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        ProvenanceCommand.checkAlpha(alpha);
        ClassifierFile suspectFile = ClassifierFile.read(AssessCommand.modelFile(model));
        ClassifierFile markerFile = ClassifierFile.read(AssessCommand.modelFile(marker));
        ModelSource.DjlParameters markerSource = ProvenanceCommand.djlSource(markerFile, "the marking network");
        InputSpec in = suspectFile.input();
        int classes = suspectFile.classes().size();
        if (markerFile.classes().size() != classes || in.channels() != markerFile.input().channels() || in.height() != markerFile.input().height()
                || in.width() != markerFile.input().width()) {
            throw new BadInputException("the suspect (" + classes + " classes, " + in + ") and the marker (" + markerFile.classes().size()
                    + " classes, " + markerFile.input() + ") must share classes and image shape");
        }
        IssuerKey issuer = ProvenanceCommand.issuerKey(key);
        Dataset test = MedMnist.read(data != null ? data : AssessCommand.bundledArchive(), "test", "clean", markerFile.classes());
        if (test.shape()[1] != in.height() || test.shape()[2] != in.width()) {
            throw new BadInputException("the clean images are " + test.shape()[1] + " x " + test.shape()[2] + ", the models take " + in);
        }
        float[][] clean = new float[test.size()][];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = ClassifierTraining.toFloats(test.features()[i]);
        }
        RadioactiveDetection.Result r;
        // Queries only: the log-probabilities give the same test as the weights, for any model (DJL, TorchScript, ONNX, an endpoint).
        try (FeatureNetwork markerFeatures = FeatureNetwork.load(markerSource.architecture(), classes, markerFile.input(),
                ProvenanceCommand.parameterBytes(markerSource));
             Classifier suspect = suspectFile.open()) {
            r = RadioactiveDetection.detect(markerFeatures, suspect, clean, issuer.derive(IssuerKey.Purpose.RADIOACTIVE_DATA));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        boolean found = r.combined().found(alpha);
        List<Object> tested = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s against the carriers of %s in %s's features, %d clean images, %d dimensions tested",
                suspectFile.path(), issuer.issuer(), markerFile.name(), clean.length, r.dimension()));
        List<String> names = suspectFile.classes();
        for (int c = 0; c < r.cosines().length; c++) {
            // Two classes give one test: the contrast of class 1 against class 0.
            String direction = r.cosines().length == 1 ? names.get(1) + " - " + names.get(0) : names.get(c);
            tested.add(JsonOutput.object("direction", direction, "cosine", r.cosines()[c], "pValue", r.pValues()[c]));
            lines.add(String.format(Locale.ROOT, "  %-20s cosine %+.3f, p = %.2g", direction, r.cosines()[c], r.pValues()[c]));
        }
        lines.add(String.format(Locale.ROOT, "%s: p = %.2g at alpha %.2g: %s", r.cosines().length == 1 ? "test" : "combined (Fisher)",
                r.combined().pValue(), alpha, found ? "FOUND: trained on the owner's marked images" : "not found"));
        output.print(JsonOutput.object("model", suspectFile.path().toString(), "marker", markerFile.path().toString(), "issuer", issuer.issuer(),
                "keyId", issuer.keyId(), "cleanImages", clean.length, "dimension", r.dimension(), "directions", tested,
                "pValue", r.combined().pValue(), "alpha", alpha, "found", found), lines.toArray(String[]::new));
        return found ? 0 : 1;
    }
}
