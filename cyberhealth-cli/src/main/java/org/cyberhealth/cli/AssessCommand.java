package org.cyberhealth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.evasion.EvasionAttack;
import org.cyberhealth.assess.evasion.EvasionEvaluation;
import org.cyberhealth.assess.evasion.EvasionResult;
import org.cyberhealth.assess.evasion.Fgsm;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.DjlClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth assess}: attacks on a medical model, to measure how much it can be trusted. */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = "Assess a model's security: evasion (adversarial examples), membership inference and model extraction; defences come later.",
        subcommands = {AssessCommand.Evasion.class, AssessMembershipCommand.class, AssessExtractionCommand.class, AssessSegmentationCommand.class},
        footer = {"", "Example:", "  cyberhealth assess evasion --model pneumonia-cnn --attack pgd --eps 8/255",
            "  cyberhealth assess membership --model pneumonia-cnn --attack lira --shadows 16",
            "  cyberhealth assess extraction --model pneumonia-cnn --method knockoff --queries 5000",
            "  cyberhealth assess segmentation --model abdomen-unet --attack erase --organ liver --eps 16/255"})
final class AssessCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose 'assess evasion', 'assess membership', 'assess extraction' or 'assess segmentation'");
    }

    @Command(name = "evasion", mixinStandardHelpOptions = true,
            description = {"White-box evasion: move each test image within an eps-ball (pixels in [0, 1])",
                "to flip the model's label; report clean and robust accuracy, attack success",
                "rate and perturbation sizes.",
                "FGSM: one step of eps (Goodfellow et al. 2015).",
                "PGD: random start, --steps steps of 2.5 eps / steps, each projected onto the",
                "ball and clipped to [0, 1]; --restarts random restarts, each image keeping",
                "the most damaging (Madry et al. 2018).",
                "Exit codes: 0 done, 2 bad input (unknown attack or norm, eps < 0, missing or",
                "malformed file)."},
            footer = {"", "Example:", "  cyberhealth assess evasion --model pneumonia-cnn --attack pgd --norm linf --eps 8/255 --steps 50",
                "  cyberhealth assess evasion --model models/pneumonia-cnn.json --data samples/ml/ml/pneumoniamnist.npz --attack fgsm --eps 2/255 --json",
                "  cyberhealth assess evasion --model pneumonia-cnn --norm l2 --eps 0.5 --restarts 5 --samples 100"})
    static final class Evasion implements Callable<Integer> {

        @Option(names = "--model", required = true,
                description = "A reference model's name (pneumonia-cnn: models/<name>.json) or a classifier descriptor (.json, weights beside it).")
        String model;

        @Option(names = "--data", description = "A MedMNIST .npz archive (default: the bundled samples/ml/ml/pneumoniamnist.npz).")
        Path data;

        @Option(names = "--split", defaultValue = "test", description = "Which part of the archive: train, val or test (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--attack", defaultValue = "pgd", description = "fgsm or pgd (default: ${DEFAULT-VALUE}).")
        String attack;

        @Option(names = "--norm", defaultValue = "linf", description = "linf or l2 (default: ${DEFAULT-VALUE}).")
        String norm;

        @Option(names = "--eps", description = "The budget in pixel units, a number or a fraction: 8/255, 0.5 (default: 8/255 for linf, 0.5 for l2).")
        String eps;

        @Option(names = "--steps", defaultValue = "50", description = "PGD iterations (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--restarts", defaultValue = "1", description = "PGD random restarts (default: ${DEFAULT-VALUE}).")
        int restarts;

        @Option(names = "--samples", description = "Attack only N images, evenly spaced through the part so both classes stay (default: all).")
        Integer samples;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of PGD's random starts (default: ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            Norm chosenNorm = norm(norm);
            double budget = eps != null ? parseEps(eps) : chosenNorm == Norm.LINF ? 8 / 255.0 : 0.5;
            if (steps < 1 || steps > 10_000 || restarts < 1 || restarts > 1000) {
                throw new BadInputException("--steps must be 1 to 10000 and --restarts 1 to 1000");
            }
            if (samples != null && samples < 1) {
                throw new BadInputException("--samples must be at least 1");
            }
            EvasionAttack chosen = switch (attack.toLowerCase(Locale.ROOT)) {
                case "fgsm" -> new Fgsm(chosenNorm, budget);
                case "pgd" -> Pgd.of(chosenNorm, budget, steps, restarts, seed);
                default -> throw new BadInputException("unknown attack '" + attack + "' (fgsm, pgd)");
            };
            Path descriptor = modelFile(model);
            Path archive = data != null ? data : bundledArchive();
            ClassifierFile file = ClassifierFile.read(descriptor);
            try (DjlClassifier classifier = file.openWhiteBox()) {
                LabelledImages test = images(archive, split, file, samples == null ? Integer.MAX_VALUE : samples);
                EvasionResult r;
                try (ProgressBar bar = new ProgressBar(output.err(), attack.toLowerCase(Locale.ROOT), test.size(), !output.json())) {
                    r = run(classifier, chosen, test, bar);
                }
                output.print(JsonOutput.object("model", descriptor.toString(), "data", archive.toString(), "split", split, "attack", r.attack(),
                                "norm", chosenNorm.id(), "eps", budget, "samples", r.samples(), "cleanAccuracy", r.cleanAccuracy(),
                                "robustAccuracy", r.robustAccuracy(), "attackSuccessRate", r.attackSuccessRate(), "meanLinf", r.meanLinf(),
                                "maxLinf", r.maxLinf(), "meanL2", r.meanL2(), "maxL2", r.maxL2(), "seconds", r.seconds()),
                        String.format(Locale.ROOT, "%s on %d %s images of %s", r.attack(), r.samples(), split, archive.getFileName()),
                        String.format(Locale.ROOT, "clean accuracy    %6.2f%%", 100 * r.cleanAccuracy()),
                        String.format(Locale.ROOT, "robust accuracy   %6.2f%%", 100 * r.robustAccuracy()),
                        String.format(Locale.ROOT, "attack success    %6.2f%% of the images labelled right before", 100 * r.attackSuccessRate()),
                        String.format(Locale.ROOT, "perturbation      L-inf mean %.4f max %.4f, L2 mean %.3f max %.3f", r.meanLinf(), r.maxLinf(),
                                r.meanL2(), r.maxL2()),
                        String.format(Locale.ROOT, "time              %.1f s", r.seconds()));
            }
            return 0;
        }
    }

    /** Runs an attack over the images with a progress bar fed image by image. */
    static EvasionResult run(DjlClassifier classifier, EvasionAttack attack, LabelledImages images, ProgressBar bar) {
        int[] shown = {0};
        return EvasionEvaluation.run(classifier, attack, images.images(), images.labels(), 64, done -> {
            for (; shown[0] < done; shown[0]++) {
                bar.step();
            }
        });
    }

    static Norm norm(String id) {
        try {
            return Norm.byId(id);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** "8/255", "0.5" or "0": a finite budget of at least 0. */
    static double parseEps(String text) {
        double value;
        try {
            int slash = text.indexOf('/');
            value = slash < 0 ? Double.parseDouble(text.trim())
                    : Double.parseDouble(text.substring(0, slash).trim()) / Double.parseDouble(text.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new BadInputException("--eps '" + text + "' is not a number or a fraction like 8/255");
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new BadInputException("--eps must be a finite number >= 0, got " + text);
        }
        return value;
    }

    /**
     * A reference model's name (models/<name>.json in the project), a descriptor's path, or a model file
     * (.pt, .onnx) with its descriptor beside it ({@code m.pt.json}), which declares what the file cannot:
     * input shape, value range, normalisation and class names.
     */
    static Path modelFile(String nameOrFile) {
        Path named = ProjectHome.path().resolve("models").resolve(nameOrFile + ".json");
        if (nameOrFile.matches("[a-z0-9-]+") && Files.exists(named)) {
            return named;
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no model '" + nameOrFile + "': neither a file nor a name in " + named.getParent());
        }
        if (nameOrFile.endsWith(".pt") || nameOrFile.endsWith(".onnx")) {
            Path descriptor = file.resolveSibling(file.getFileName() + ".json");
            if (!Files.isRegularFile(descriptor)) {
                throw new BadInputException("no descriptor " + descriptor + " beside the model: it declares the input shape, value"
                        + " range, normalisation and classes (docs/ASSESS.md, 'Your own model')");
            }
            return descriptor;
        }
        return file;
    }

    static Path bundledArchive() {
        return MlCommand.bundledData().resolve("ml").resolve("pneumoniamnist.npz");
    }

    static LabelledImages images(Path archive, String split, ClassifierFile model, int limit) {
        if (!split.equals("train") && !split.equals("val") && !split.equals("test")) {
            throw new BadInputException("--split takes train, val or test, got '" + split + "'");
        }
        return LabelledImages.of(MedMnist.read(archive, split, model.name(), model.classes()), limit, model.input(), model.classes().size());
    }
}
