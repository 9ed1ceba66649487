package org.cyberhealth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.cyberhealth.assess.provenance.UchidaWatermark;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.model.Architectures;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.cyberhealth.ml.model.TrainingHook;
import org.cyberhealth.ml.model.TrainingInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth provenance mark-model}: train a reference recipe with the owner's model marks embedded. */
@Command(name = "mark-model", mixinStandardHelpOptions = true,
        description = {"Train a reference recipe (on its bundled data) with the owner's marks embedded, write the descriptor and",
            "weights atomically, and read the marks back. uchida: 64 key-derived bits in the mean filter of the second",
            "convolution, by Uchida et al.'s regulariser (lambda 0.01); read from the weights. trigger-set: 100 key-derived",
            "noise images with key-derived labels, repeated 4 times in the training set (Adi et al. 2018); read by queries.",
            "Keys come from the issuer key file through HKDF; the key is never printed nor written into the descriptor",
            "(which records the schemes, so keep it or strip its training block before release).",
            "Exit codes: 0 written, 2 bad input (unknown use case or scheme, not an issuer key, existing --out)."},
        footer = {"", "Example:", "  cyberhealth provenance mark-model --use-case pneumonia-cnn --key hospital.key --out marked.json",
            "  cyberhealth provenance mark-model --use-case breastmnist-cnn --key hospital.key --scheme trigger-set --epochs 10 --out b.json --json"})
final class ProvenanceMarkModel implements Callable<Integer> {

    @Option(names = "--use-case", required = true, description = "The reference recipe to train: pneumonia-cnn or breastmnist-cnn.")
    String useCase;

    @Option(names = "--key", required = true, description = "The issuer key file (keys new).")
    Path key;

    @Option(names = "--scheme", description = "Marks to embed, comma-separated: uchida, trigger-set (default: both).")
    String scheme;

    @Option(names = "--out", required = true, description = "The descriptor to write (.json); the weights go beside it (.params).")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out.")
    boolean force;

    @Option(names = "--epochs", description = "Training epochs (default: the recipe's).")
    Integer epochs;

    @Option(names = "--alpha", defaultValue = ProvenanceCommand.DEFAULT_ALPHA,
            description = "Level at which the marks read back count as found (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        ReferenceClassifier reference = ReferenceClassifier.find(useCase);
        if (reference == null || !reference.architecture().equals(Architectures.SMALL_CNN) || reference.inputs() != TrainingInputs.CLEAN) {
            throw new BadInputException("--use-case takes a reference image recipe trained on clean inputs: pneumonia-cnn or breastmnist-cnn, got '"
                    + useCase + "'");
        }
        int rounds = epochs == null ? reference.epochs() : epochs;
        if (rounds < 1 || rounds > 1000) {
            throw new BadInputException("--epochs must be 1 to 1000");
        }
        if (!out.getFileName().toString().endsWith(".json")) {
            throw new BadInputException("--out names the descriptor, a .json file (the weights go beside it as .params)");
        }
        ProvenanceCommand.checkAlpha(alpha);
        Set<ModelMark> marks = ModelMark.parse(scheme);
        ProvenanceCommand.checkOutput(out, force);
        ProvenanceCommand.checkOutput(ClassifierFile.parametersOf(out), force);
        IssuerKey issuer = ProvenanceCommand.issuerKey(key);
        Split split = reference.data(MlCommand.bundledData());
        Dataset train = split.train();
        int[] shape = train.shape();
        if (marks.contains(ModelMark.TRIGGER_SET)) {
            train = ModelMark.triggers(issuer, shape, train.classes().size()).mixedInto(train, ModelMark.TRIGGER_REPEATS);
        }
        UchidaWatermark uchida = ModelMark.uchida(issuer);
        TrainingHook hook = marks.contains(ModelMark.UCHIDA) ? uchida.embedding(null) : TrainingHook.NONE;
        ClassifierTraining.Fitted fitted;
        try (ProgressBar bar = new ProgressBar(output.err(), "epochs", rounds, !output.json())) {
            fitted = ClassifierTraining.fit(reference, train, rounds, reference.seed(), hook, e -> bar.step());
        }
        double accuracy;
        try (DjlClassifier model = fitted.load(reference, split.train().classes())) {
            accuracy = ClassifierTraining.accuracy(model, split.test());
        }
        String names = marks.stream().map(ModelMark::id).collect(Collectors.joining(", "));
        ObjectNode training = new ObjectMapper().createObjectNode();
        training.put("recipe", reference.describe(rounds, reference.seed()) + ", provenance marks: " + names);
        training.put("data", train.name() + ", " + train.size() + " images");
        training.put("testSamples", split.test().size());
        training.put("testAccuracy", accuracy);
        training.put("command", "cyberhealth provenance mark-model --use-case " + reference.id());
        ClassifierFile.write(out, reference.id() + "-marked", reference.architecture(), fitted.input(), split.train().classes(), training,
                fitted.parameters(), force);
        // Read back from the files written, as a suspect would be read: what is checked is what left.
        List<ModelMark.Reading> readings = ModelMark.read(ClassifierFile.read(out), issuer, marks, true);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "trained %s with %s, %d epochs: test accuracy %.2f%% (%d images)", reference.id(), names, rounds,
                100 * accuracy, split.test().size()));
        lines.addAll(ModelMark.lines(readings, alpha));
        lines.add("wrote " + out + " and " + ClassifierFile.parametersOf(out));
        output.print(JsonOutput.object("model", out.toString(), "parameters", ClassifierFile.parametersOf(out).toString(), "useCase", reference.id(),
                "schemes", marks.stream().map(ModelMark::id).toList(), "issuer", issuer.issuer(), "keyId", issuer.keyId(), "epochs", rounds,
                "testAccuracy", accuracy, "testImages", split.test().size(), "alpha", alpha, "marks", ModelMark.json(readings, alpha)),
                lines.toArray(String[]::new));
        return 0;
    }
}
