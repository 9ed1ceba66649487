package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.extraction.Augmentation;
import org.cyberhealth.assess.extraction.ExtractionAttack;
import org.cyberhealth.assess.extraction.ExtractionEvaluation;
import org.cyberhealth.assess.extraction.ExtractionResult;
import org.cyberhealth.assess.extraction.JacobianAugmentation;
import org.cyberhealth.assess.extraction.KnockoffNets;
import org.cyberhealth.assess.extraction.ReferenceCopyTrainer;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.ReferenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth assess extraction}: copy a model through its probabilities and measure how close the copy is. */
@Command(name = "extraction", mixinStandardHelpOptions = true,
        description = {"Model extraction: query the model as a black box (probabilities only),",
            "train a copy (the small-cnn layout) on its answers, and report the copy's",
            "fidelity (same label as the model on its test images) and accuracy.",
            "knockoff: natural images from another distribution (BreastMNIST ultrasound),",
            "  then flipped, shifted (2 px) and noisy (sd 0.02) copies of them; the copy",
            "  learns the model's probabilities (Orekondy et al. 2019).",
            "jacobian: 100 PneumoniaMNIST training images labelled by the model, doubled",
            "  each round by x + 0.1 sign(dF_y/dx) on the copy (Papernot et al. 2017).",
            "Exit codes: 0 done, 2 bad input (unknown model or method, queries < 1,",
            "missing or malformed file)."},
        footer = {"", "Example:", "  cyberhealth assess extraction --model pneumonia-cnn --method knockoff --queries 5000",
            "  cyberhealth assess extraction --model pneumonia-cnn --method jacobian --queries 1000 --json"})
final class AssessExtractionCommand implements Callable<Integer> {

    static final List<String> CLASSES = List.of("normal", "pneumonia");

    @Option(names = "--model", required = true, description = "A reference model's name (pneumonia-cnn) or a classifier descriptor (.json).")
    String model;

    @Option(names = "--method", defaultValue = "knockoff", description = "knockoff or jacobian (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--queries", defaultValue = "1000", description = "Images sent to the model (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs of the copy (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--data", description = "The model's MedMNIST archive: test part for the measures, train part for jacobian's seeds (default: bundled PneumoniaMNIST).")
    Path data;

    @Option(names = "--pool", description = "Knockoff's out-of-distribution MedMNIST archive, all parts (default: bundled BreastMNIST).")
    Path pool;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the queries and of the copy's training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        if (queries < 1 || queries > 1_000_000) {
            throw new BadInputException("--queries must be 1 to 1000000, got " + queries);
        }
        if (epochs < 1 || epochs > 1000) {
            throw new BadInputException("--epochs must be 1 to 1000");
        }
        String chosen = method.toLowerCase(Locale.ROOT);
        if (!chosen.equals("knockoff") && !chosen.equals("jacobian")) {
            throw new BadInputException("unknown method '" + method + "' (knockoff, jacobian)");
        }
        Path descriptor = AssessCommand.modelFile(model);
        Path archive = data != null ? data : AssessCommand.bundledArchive();
        ClassifierFile file = ClassifierFile.read(descriptor);
        try (Classifier victim = file.open()) {
            LabelledImages test = AssessCommand.images(archive, "test", file, Integer.MAX_VALUE);
            ExtractionAttack attack = attack(chosen, file, archive, pool);
            ReferenceCopyTrainer trainer = trainer(file, epochs);
            ExtractionResult r;
            try (ProgressBar bar = new ProgressBar(output.err(), "queries", queries, !output.json())) {
                r = ExtractionEvaluation.run(victim, attack, new int[] {queries}, trainer, test, seed, n -> {
                    for (int i = 0; i < n; i++) {
                        bar.step();
                    }
                }).get(0);
            }
            output.print(JsonOutput.object("model", descriptor.toString(), "method", r.attack(), "attack", attack.describe(), "copy", trainer.describe(),
                            "queries", r.queries(), "testImages", test.size(), "fidelity", r.fidelity(), "copyAccuracy", r.accuracy(),
                            "victimAccuracy", r.victimAccuracy(), "majorityAgreement", r.agreementBaseline(), "seed", seed, "seconds", r.seconds()),
                    String.format(Locale.ROOT, "%s: %s", r.attack(), attack.describe()),
                    String.format(Locale.ROOT, "copy              %s", trainer.describe()),
                    String.format(Locale.ROOT, "queries           %d", r.queries()),
                    String.format(Locale.ROOT, "fidelity          %6.2f%% of %d test images labelled as the model does (constant copy: %.2f%%)",
                            100 * r.fidelity(), test.size(), 100 * r.agreementBaseline()),
                    String.format(Locale.ROOT, "copy accuracy     %6.2f%% (the model's: %.2f%%)", 100 * r.accuracy(), 100 * r.victimAccuracy()),
                    String.format(Locale.ROOT, "time              %.1f s", r.seconds()));
        }
        return 0;
    }

    static ExtractionAttack attack(String method, ClassifierFile victim, Path archive, Path pool) {
        if (method.equals("jacobian")) {
            return new JacobianAugmentation(AssessCommand.images(archive, "train", victim, 100).images(), 0.1, 3);
        }
        Path natural = pool != null ? pool : AssessCommand.bundledArchive().resolveSibling("breastmnist.npz");
        float[][] images = LabelledImages.of(MedMnist.read(natural, "train", "pool", CLASSES), Integer.MAX_VALUE, victim.input(), 2).images();
        float[][] val = LabelledImages.of(MedMnist.read(natural, "val", "pool", CLASSES), Integer.MAX_VALUE, victim.input(), 2).images();
        float[][] test = LabelledImages.of(MedMnist.read(natural, "test", "pool", CLASSES), Integer.MAX_VALUE, victim.input(), 2).images();
        float[][] all = new float[images.length + val.length + test.length][];
        System.arraycopy(images, 0, all, 0, images.length);
        System.arraycopy(val, 0, all, images.length, val.length);
        System.arraycopy(test, 0, all, images.length + val.length, test.length);
        return new KnockoffNets(all, new Augmentation(2, 0.02));
    }

    static ReferenceCopyTrainer trainer(ClassifierFile victim, int epochs) {
        if (victim.input().channels() != 1) {
            throw new BadInputException("the copy's layout takes single-channel images; " + victim.name() + " takes " + victim.input());
        }
        return new ReferenceCopyTrainer(ReferenceClassifier.PNEUMONIA_CNN, victim.input().height(), victim.input().width(), victim.classes(), epochs);
    }
}
