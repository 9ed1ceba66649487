package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.ml.model.ClassifierFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth provenance verify-model}: look for the owner's model marks in a suspect model. */
@Command(name = "verify-model", mixinStandardHelpOptions = true,
        description = {"Look for the owner's marks in a suspect model and give each a p-value: the probability that a model",
            "without the mark matches as well. uchida: the 64 bits read from the weights (DJL parameters only),",
            "p = P(Binomial(64, 1/2) >= matches). trigger-set: the 100 key images sent as queries (any model: DJL,",
            "TorchScript, ONNX, an endpoint), p = P(Binomial(100, 1/C) >= agreements). Without --scheme, every mark",
            "that can be read from this model is; each is tested at alpha / (marks read), so that an unmarked model is",
            "claimed with probability at most --alpha. The key is never printed.",
            "Exit codes: 0 a mark found, 1 none found, 2 bad input (a named scheme that cannot be read, not an issuer key)."},
        footer = {"", "Example:", "  cyberhealth provenance verify-model --model suspect.json --key hospital.key",
            "  cyberhealth provenance verify-model --model models/torch/pneumonia-torch.onnx --key hospital.key --scheme trigger-set --json"})
final class ProvenanceVerifyModel implements Callable<Integer> {

    @Option(names = "--model", required = true,
            description = "The suspect: a reference model's name, a descriptor (.json) or a model file (.pt, .onnx) with its descriptor beside it.")
    String model;

    @Option(names = "--key", required = true, description = "The issuer key file of the owner.")
    Path key;

    @Option(names = "--scheme", description = "Marks to look for, comma-separated: uchida, trigger-set (default: every one readable).")
    String scheme;

    @Option(names = "--alpha", defaultValue = ProvenanceCommand.DEFAULT_ALPHA,
            description = "Probability, at most, of claiming an unmarked model (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        ProvenanceCommand.checkAlpha(alpha);
        ClassifierFile file = ClassifierFile.read(AssessCommand.modelFile(model));
        IssuerKey issuer = ProvenanceCommand.issuerKey(key);
        List<ModelMark.Reading> readings = ModelMark.read(file, issuer, ModelMark.parse(scheme), scheme != null);
        boolean found = readings.stream().anyMatch(r -> ModelMark.found(r, readings, alpha));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s (%s) against the marks of %s, alpha %.2g", file.path(), file.source().kind(), issuer.issuer(), alpha));
        lines.addAll(ModelMark.lines(readings, alpha));
        lines.add(found ? "MARKED: the owner's mark is in this model" : "no mark found");
        output.print(JsonOutput.object("model", file.path().toString(), "source", file.source().kind(), "issuer", issuer.issuer(), "keyId",
                issuer.keyId(), "alpha", alpha, "found", found, "marks", ModelMark.json(readings, alpha)), lines.toArray(String[]::new));
        return found ? 0 : 1;
    }
}
