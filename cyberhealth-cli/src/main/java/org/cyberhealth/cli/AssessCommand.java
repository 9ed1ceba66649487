package org.cyberhealth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.evasion.Apgd;
import org.cyberhealth.assess.evasion.CarliniWagnerL2;
import org.cyberhealth.assess.evasion.EvasionAttack;
import org.cyberhealth.assess.evasion.EvasionEvaluation;
import org.cyberhealth.assess.evasion.EvasionResult;
import org.cyberhealth.assess.evasion.Fgsm;
import org.cyberhealth.assess.evasion.HopSkipJump;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.assess.evasion.SquareAttack;
import org.cyberhealth.assess.report.Budget;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.QueryOnlyClassifier;
import org.cyberhealth.ml.model.WhiteBoxClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cyberhealth assess}: with {@code --model} and {@code --out}, a security report on a medical
 * model (HTML and JSON); its subcommands run one attack each, with every option.
 */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"Assess a model's security and write a report (HTML + JSON) for a",
            "security officer: evasion (adversarial examples), membership inference and",
            "model extraction, each rated and mapped to MITRE ATLAS and the OWASP ML Top",
            "10, with and without the chosen defences. A reference model's recipe is",
            "replayed for LiRA; for other models the training part of --data is taken",
            "as their training set. Or run one attack with a subcommand.",
            "Exit codes: 0 report written, 1 a threat rated at or above --fail-on,",
            "2 bad input."},
        subcommands = {AssessCommand.Evasion.class, AssessMembershipCommand.class, AssessExtractionCommand.class, AssessDefenceCommand.class,
            AssessSegmentationCommand.class},
        footer = {"", "Example:", "  cyberhealth assess --model pneumonia-cnn --out report/ --time 5m",
            "  cyberhealth assess --model models/torch/pneumonia-torch.pt --data samples/ml/ml/pneumoniamnist.npz \\",
            "      --threats evasion,membership --samples 100 --out torch-report/ --json",
            "  cyberhealth assess --model pneumonia-cnn --defences adversarial-training,jpeg,labels-only,rounding --out defended/",
            "  cyberhealth assess evasion --model pneumonia-cnn --attack pgd --eps 8/255",
            "  cyberhealth assess evasion --model pneumonia-cnn --attack square --eps 8/255 --queries 1000",
            "  cyberhealth assess membership --model pneumonia-cnn --attack lira --shadows 16",
            "  cyberhealth assess extraction --model pneumonia-cnn --method knockoff --queries 5000",
            "  cyberhealth assess defence --model pneumonia-cnn --defence jpeg --eps 2/255,8/255",
            "  cyberhealth assess segmentation --model abdomen-unet --attack erase --organ liver --eps 16/255"})
final class AssessCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", description = "A reference model's name, a descriptor (.json) or a model file (.pt, .onnx) with its descriptor beside it.")
    String model;

    @Option(names = "--data", description = "MedMNIST-style .npz with train and test parts (default: the bundled PneumoniaMNIST).")
    Path data;

    @Option(names = "--out", description = "The report folder to write (index.html, report.json, figures).")
    Path out;

    @Option(names = "--force", description = "Replace an existing report folder.")
    boolean force;

    @Option(names = {"--threats", "--attacks"}, split = ",", defaultValue = "evasion,membership,extraction",
            description = "Threats to assess (default: ${DEFAULT-VALUE}).")
    java.util.List<String> threats;

    @Option(names = "--defences", split = ",", description = "Defences to assess next to the bare model. Against evasion, attacked adaptively:"
            + " squeeze, jpeg, adversarial-training (the hardened model: --hardened-model, default <model>-adv); smoothing (certified,"
            + " base trained on noise: --noise-model, default <model>-noise). On the service's outputs,"
            + " against membership and extraction: labels-only, top-k (k 1), rounding (2 decimals), output-noise (scale 1). detector"
            + " (feature squeezing, 5%% false alarms) against naive and adaptive PGD; dp-sgd: the recipe replayed with DP-SGD at epsilon 8"
            + " (a reference model; slow: every shadow trains privately).")
    java.util.List<String> defences;

    @Option(names = "--hardened-model", description = "The adversarially trained model for --defences adversarial-training.")
    String hardenedModel;

    @Option(names = "--noise-model", description = "The base model trained on Gaussian noise (sigma 0.25) for --defences smoothing.")
    String noiseModel;

    @Option(names = "--shadows", defaultValue = "8", description = "Membership on a reference model: LiRA with this many shadow models"
            + " retrained from its recipe (even, 4 to 64; 0: the loss attack on the model as delivered). Default: ${DEFAULT-VALUE}.")
    int shadows;

    @Option(names = "--samples", defaultValue = "200", description = "At most this many images per attack (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--time", description = "About this much time in all, e.g. 90s, 5m (each attack times a probe and takes what fits).")
    String time;

    @Option(names = "--fail-on", description = "Exit 1 when a threat is rated this high or higher: high or medium.")
    String failOn;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the attacks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        if (model == null || out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give --model and --out for a report, or choose 'assess evasion', 'assess membership', 'assess extraction', 'assess defence' or 'assess segmentation'");
        }
        Budget budget;
        try {
            budget = new Budget(samples, AssessReport.time(time));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Section.Rating threshold = null;
        if (failOn != null) {
            threshold = switch (failOn.toLowerCase(Locale.ROOT)) {
                case "high" -> Section.Rating.HIGH;
                case "medium" -> Section.Rating.MEDIUM;
                default -> throw new BadInputException("--fail-on takes high or medium, got '" + failOn + "'");
            };
        }
        if (shadows != 0 && (shadows < 4 || shadows > 64 || shadows % 2 != 0)) {
            throw new BadInputException("--shadows must be 0, or even from 4 to 64, got " + shadows);
        }
        return AssessReport.run(model, data, AssessReport.threats(threats), AssessReport.defences(defences), hardenedModel, noiseModel, shadows,
                budget, seed, out, force, threshold, output);
    }

    @Command(name = "evasion", mixinStandardHelpOptions = true,
            description = {"Evasion: move each test image (pixels in [0, 1]) to flip the model's label;",
                "report clean and robust accuracy, attack success rate, perturbation sizes,",
                "and the queries and gradients the attack asked of the model.",
                "White box:",
                "  fgsm: one step of eps (Goodfellow et al. 2015).",
                "  pgd: random start, --steps steps of 2.5 eps / steps, each projected onto the",
                "    ball and clipped to [0, 1]; --restarts random restarts (Madry et al. 2018).",
                "  apgd: APGD-CE, PGD with momentum and step halving at checkpoints, --steps,",
                "    --restarts (Croce and Hein 2020, as in AutoAttack). linf or l2.",
                "  cw: Carlini-Wagner L2 (2017), minimum-norm: --steps Adam steps for each of",
                "    --search-steps constants, --confidence kappa; l2 only.",
                "Black box:",
                "  square: Square attack (Andriushchenko et al. 2020), probabilities only,",
                "    --queries per image, --p-init; linf only.",
                "  hopskipjump: HopSkipJump (Chen et al. 2020), labels only, --queries per",
                "    image; l2 only, minimum-norm.",
                "Minimum-norm attacks (cw, hopskipjump) are not bounded by eps: an image counts",
                "as fooled when its perturbation is within eps.",
                "Exit codes: 0 done, 2 bad input (unknown attack or norm, a norm the attack",
                "lacks, eps < 0, a bad count, missing or malformed file)."},
            footer = {"", "Example:", "  cyberhealth assess evasion --model pneumonia-cnn --attack pgd --norm linf --eps 8/255 --steps 50",
                "  cyberhealth assess evasion --model models/pneumonia-cnn.json --data samples/ml/ml/pneumoniamnist.npz --attack fgsm --eps 2/255 --json",
                "  cyberhealth assess evasion --model pneumonia-cnn --norm l2 --eps 0.5 --restarts 5 --samples 100",
                "  cyberhealth assess evasion --model pneumonia-cnn --attack apgd --eps 4/255 --steps 100",
                "  cyberhealth assess evasion --model pneumonia-cnn --attack cw --eps 0.5 --confidence 0 --samples 100",
                "  cyberhealth assess evasion --model pneumonia-cnn --attack square --eps 8/255 --queries 1000 --samples 100",
                "  cyberhealth assess evasion --model pneumonia-cnn --attack hopskipjump --eps 0.5 --queries 2000 --samples 50"})
    static final class Evasion implements Callable<Integer> {

        @Option(names = "--model", required = true,
                description = "A reference model's name (pneumonia-cnn: models/<name>.json) or a classifier descriptor (.json, weights beside it).")
        String model;

        @Option(names = "--data", description = "A MedMNIST .npz archive (default: the bundled samples/ml/ml/pneumoniamnist.npz).")
        Path data;

        @Option(names = "--split", defaultValue = "test", description = "Which part of the archive: train, val or test (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--attack", defaultValue = "pgd", description = "fgsm, pgd, apgd, cw, square or hopskipjump (default: ${DEFAULT-VALUE}).")
        String attack;

        @Option(names = "--norm", description = "linf or l2 (default: linf; l2 for cw and hopskipjump, the only norm they have).")
        String norm;

        @Option(names = "--eps", description = "The budget in pixel units, a number or a fraction: 8/255, 0.5 (default: 8/255 for linf, 0.5 for l2).")
        String eps;

        @Option(names = "--steps", description = "Iterations: PGD and APGD (default: 50), C&W Adam steps per constant (default: 100).")
        Integer steps;

        @Option(names = "--restarts", defaultValue = "1", description = "PGD and APGD random restarts (default: ${DEFAULT-VALUE}).")
        int restarts;

        @Option(names = "--queries", defaultValue = "1000", description = "Square and HopSkipJump: images the model is asked about, per attacked image (default: ${DEFAULT-VALUE}).")
        int queries;

        @Option(names = "--confidence", defaultValue = "0", description = "C&W kappa: the logit lead of another class that counts as success (default: ${DEFAULT-VALUE}).")
        double confidence;

        @Option(names = "--search-steps", defaultValue = "5", description = "C&W constants tried per image, the binary search (default: ${DEFAULT-VALUE}).")
        int searchSteps;

        @Option(names = "--p-init", defaultValue = "0.3", description = "Square: the first share of pixels a window covers (default: ${DEFAULT-VALUE}).")
        double pInit;

        @Option(names = "--samples", description = "Attack only N images, evenly spaced through the part so both classes stay (default: all).")
        Integer samples;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the random starts and searches (default: ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            String name = attack.toLowerCase(Locale.ROOT);
            Norm chosenNorm = norm(norm != null ? norm : name.equals("cw") || name.equals("hopskipjump") ? "l2" : "linf");
            double budget = eps != null ? parseEps(eps) : chosenNorm == Norm.LINF ? 8 / 255.0 : 0.5;
            if (samples != null && samples < 1) {
                throw new BadInputException("--samples must be at least 1");
            }
            EvasionAttack chosen = attack(name, chosenNorm, budget, new Settings(steps, restarts, queries, confidence, searchSteps, pInit, seed));
            Path descriptor = modelFile(model);
            Path archive = data != null ? data : bundledArchive();
            ClassifierFile file = ClassifierFile.read(descriptor);
            try (WhiteBoxClassifier classifier = chosen.queriesOnly() ? QueryOnlyClassifier.of(file.open()) : file.openWhiteBox()) {
                LabelledImages test = images(archive, split, file, samples == null ? Integer.MAX_VALUE : samples);
                EvasionResult r;
                try (ProgressBar bar = new ProgressBar(output.err(), name, test.size(), !output.json())) {
                    r = run(classifier, chosen, test, bar);
                }
                output.print(JsonOutput.object("model", descriptor.toString(), "data", archive.toString(), "split", split, "attack", r.attack(),
                                "norm", chosenNorm.id(), "eps", budget, "samples", r.samples(), "cleanAccuracy", r.cleanAccuracy(),
                                "robustAccuracy", r.robustAccuracy(), "attackSuccessRate", r.attackSuccessRate(), "meanLinf", r.meanLinf(),
                                "maxLinf", r.maxLinf(), "meanL2", r.meanL2(), "maxL2", r.maxL2(),
                                "medianSuccessfulL2", Double.isNaN(r.medianSuccessfulL2()) ? null : r.medianSuccessfulL2(),
                                "queriesPerImage", r.meanQueries(), "gradientsPerImage", r.meanGradients(), "seconds", r.seconds()),
                        String.format(Locale.ROOT, "%s on %d %s images of %s", r.attack(), r.samples(), split, archive.getFileName()),
                        String.format(Locale.ROOT, "clean accuracy    %6.2f%%", 100 * r.cleanAccuracy()),
                        String.format(Locale.ROOT, "robust accuracy   %6.2f%%", 100 * r.robustAccuracy()),
                        String.format(Locale.ROOT, "attack success    %6.2f%% of the images labelled right before", 100 * r.attackSuccessRate()),
                        String.format(Locale.ROOT, "perturbation      L-inf mean %.4f max %.4f, L2 mean %.3f max %.3f", r.meanLinf(), r.maxLinf(),
                                r.meanL2(), r.maxL2()),
                        Double.isNaN(r.medianSuccessfulL2()) ? "successful L2     none (no right label turned)"
                                : String.format(Locale.ROOT, "successful L2     median %.3f (whatever its size)", r.medianSuccessfulL2()),
                        String.format(Locale.ROOT, "model calls       %.1f predictions and %.1f gradients per image", r.meanQueries(), r.meanGradients()),
                        String.format(Locale.ROOT, "time              %.1f s", r.seconds()));
            }
            return 0;
        }
    }

    /** The attacks' tuning options, with null where the attack's own default applies. */
    record Settings(Integer steps, int restarts, int queries, double confidence, int searchSteps, double pInit, long seed) {}

    /** The attack {@code name} with its settings, checked: a bad choice is the user's error (exit 2). */
    static EvasionAttack attack(String name, Norm norm, double eps, Settings s) {
        int steps = s.steps() != null ? s.steps() : name.equals("cw") ? 100 : 50;
        if (steps < 1 || steps > 10_000 || s.restarts() < 1 || s.restarts() > 1000) {
            throw new BadInputException("--steps must be 1 to 10000 and --restarts 1 to 1000");
        }
        if (s.queries() < 2 || s.queries() > 1_000_000) {
            throw new BadInputException("--queries must be 2 to 1000000");
        }
        if (!(s.confidence() >= 0) || Double.isInfinite(s.confidence()) || s.searchSteps() < 1 || s.searchSteps() > 30) {
            throw new BadInputException("--confidence must be a finite number >= 0 and --search-steps 1 to 30");
        }
        if (!(s.pInit() > 0 && s.pInit() <= 1)) {
            throw new BadInputException("--p-init must be in (0, 1]");
        }
        boolean l2Only = name.equals("cw") || name.equals("hopskipjump");
        if ((l2Only && norm != Norm.L2) || (name.equals("square") && norm != Norm.LINF)) {
            throw new BadInputException(name + " has no " + norm.id() + " version (" + (l2Only ? "l2" : "linf") + " only)");
        }
        return switch (name) {
            case "fgsm" -> new Fgsm(norm, eps);
            case "pgd" -> Pgd.of(norm, eps, steps, s.restarts(), s.seed());
            case "apgd" -> new Apgd(norm, eps, steps, s.restarts(), s.seed());
            case "cw" -> new CarliniWagnerL2(eps, s.confidence(), steps, s.searchSteps(), 1.0, 0.01);
            case "square" -> new SquareAttack(eps, s.queries(), s.pInit(), s.seed());
            case "hopskipjump" -> new HopSkipJump(eps, s.queries(), s.seed());
            default -> throw new BadInputException("unknown attack '" + name + "' (fgsm, pgd, apgd, cw, square, hopskipjump)");
        };
    }

    /** Runs an attack over the images with a progress bar fed image by image. */
    static EvasionResult run(WhiteBoxClassifier classifier, EvasionAttack attack, LabelledImages images, ProgressBar bar) {
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
