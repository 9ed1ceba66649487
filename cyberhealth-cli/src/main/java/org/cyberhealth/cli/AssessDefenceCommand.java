package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.defence.BitDepthReduction;
import org.cyberhealth.assess.defence.CertifiedAccuracy;
import org.cyberhealth.assess.defence.JpegCompression;
import org.cyberhealth.assess.defence.MedianSmoothing;
import org.cyberhealth.assess.defence.PreprocessedClassifier;
import org.cyberhealth.assess.defence.Preprocessor;
import org.cyberhealth.assess.defence.RandomisedSmoothing;
import org.cyberhealth.assess.defence.SurrogateGradient;
import org.cyberhealth.assess.evasion.EvasionEvaluation;
import org.cyberhealth.assess.evasion.EvasionResult;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.WhiteBoxClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth assess defence}: how much a defence buys against the attack it is meant for, measured with the adaptive attack too. */
@Command(name = "defence", mixinStandardHelpOptions = true,
        description = {"Evaluate a defence against the attack it is meant for, without and with it.",
            "Evasion (PGD, L-inf, pixels in [0, 1], the model's test images):",
            "squeeze: bit-depth reduction then median smoothing (Xu et al. 2018); jpeg:",
            "  JPEG compression (Guo et al. 2018). Both are attacked naively (gradients of",
            "  the bare model) and adaptively (BPDA: the preprocessing's backward pass taken",
            "  as the identity, Athalye et al. 2018).",
            "adversarial-training: the same network trained on PGD examples (Madry et al.",
            "  2018; --defended-model, default pneumonia-cnn-adv), attacked directly.",
            "smoothing: randomised smoothing of --defended-model (default pneumonia-cnn-noise,",
            "  trained on noise of the same sigma): certified accuracy at L2 radii 0, 0.25",
            "  and 0.5 (Cohen et al. 2019, CERTIFY with --n0, --n, --alpha).",
            "detector: feature-squeezing detection (Xu et al. 2018; --bits, --median),",
            "  threshold at --fpr on the validation images; PGD naive and adaptive.",
            "Membership inference (the pneumonia-cnn recipe retrained on half of --population",
            "train+test images, --epochs; loss threshold, and LiRA online with --shadows > 0):",
            "dp-sgd: DP-SGD (Abadi et al. 2016) at --epsilon, --delta (RDP accountant).",
            "Membership inference and extraction (Knockoff, Jacobian at --queries):",
            "labels-only, top-k (--k), rounding (--decimals), output-noise (--noise-scale):",
            "  output post-processing that keeps the label (Tramer et al. 2016).",
            "Exit codes: 0 done, 2 bad input (unknown defence, eps < 0, bad settings,",
            "missing or malformed file)."},
        footer = {"", "Example:", "  cyberhealth assess defence --model pneumonia-cnn --defence jpeg --eps 2/255,8/255",
            "  cyberhealth assess defence --model pneumonia-cnn --defence adversarial-training --samples 100 --json",
            "  cyberhealth assess defence --model pneumonia-cnn --defence smoothing --samples 50 --n 1000",
            "  cyberhealth assess defence --model pneumonia-cnn --defence dp-sgd --epsilon 8 --population 600 --shadows 4",
            "  cyberhealth assess defence --model pneumonia-cnn --defence rounding --decimals 1 --queries 1000,5000",
            "  cyberhealth assess defence --model pneumonia-cnn --defence detector --eps 2/255,8/255 --fpr 0.05"})
final class AssessDefenceCommand implements Callable<Integer> {

    static final int DEFAULT_BITS = 4;
    static final int DEFAULT_MEDIAN = 2;
    static final int DEFAULT_QUALITY = 75;
    static final double[] RADII = {0, 0.25, 0.5};
    static final List<String> DEFENCES = List.of("squeeze", "jpeg", "adversarial-training", "smoothing", "detector", "dp-sgd", "labels-only", "top-k",
            "rounding", "output-noise");
    /** The defences measured by membership inference (and, but for dp-sgd, extraction). */
    static final List<String> PRIVACY = List.of("dp-sgd", "labels-only", "top-k", "rounding", "output-noise");

    @Option(names = "--model", required = true, description = "The undefended model: a reference name (pneumonia-cnn) or a descriptor (.json).")
    String model;

    @Option(names = "--defence", required = true, description = "squeeze, jpeg, adversarial-training, smoothing, detector, dp-sgd, labels-only,"
            + " top-k, rounding or output-noise.")
    String defence;

    @Option(names = "--defended-model", description = "adversarial-training: the hardened model (default pneumonia-cnn-adv); smoothing: the base"
            + " classifier (default pneumonia-cnn-noise).")
    String defendedModel;

    @Option(names = "--attack", defaultValue = "pgd", description = "The attack: pgd, L-inf (default: ${DEFAULT-VALUE}).")
    String attack;

    @Option(names = "--eps", split = ",", description = "L-inf budgets, numbers or fractions, comma-separated (default: 8/255).")
    List<String> eps;

    @Option(names = "--steps", defaultValue = "50", description = "PGD iterations (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--bits", defaultValue = "" + DEFAULT_BITS, description = "squeeze: bits per pixel kept (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--median", defaultValue = "" + DEFAULT_MEDIAN, description = "squeeze: median window width (default: ${DEFAULT-VALUE}).")
    int median;

    @Option(names = "--quality", defaultValue = "" + DEFAULT_QUALITY, description = "jpeg: quality 1 to 100 (default: ${DEFAULT-VALUE}).")
    int quality;

    @Option(names = "--sigma", defaultValue = "0.25", description = "smoothing: noise standard deviation (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--n0", defaultValue = "100", description = "smoothing: samples choosing the class (default: ${DEFAULT-VALUE}).")
    int n0;

    @Option(names = "--n", defaultValue = "1000", description = "smoothing: samples bounding its probability (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--alpha", defaultValue = "0.001", description = "smoothing: failure probability of a certificate (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--fpr", defaultValue = "0.05", description = "detector: false-positive rate on clean images (default: ${DEFAULT-VALUE}).")
    double fpr;

    @Option(names = "--epsilon", defaultValue = "8", description = "dp-sgd: target epsilon (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--delta", defaultValue = "1e-5", description = "dp-sgd: delta (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--population", defaultValue = "600", description = "Membership: images of the game, half of them members (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--shadows", defaultValue = "0", description = "Membership: shadow models for LiRA, even; 0 runs the loss attack only (default:"
            + " ${DEFAULT-VALUE}).")
    int shadows;

    @Option(names = "--epochs", defaultValue = "20", description = "Membership: epochs of the retrained models (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--queries", split = ",", defaultValue = "1000,5000", description = "Extraction budgets (default: ${DEFAULT-VALUE}).")
    List<Integer> queries;

    @Option(names = "--copy-epochs", defaultValue = "5", description = "Extraction: epochs of the copies (default: ${DEFAULT-VALUE}).")
    int copyEpochs;

    @Option(names = "--k", defaultValue = "1", description = "top-k: classes released (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--decimals", defaultValue = "2", description = "rounding: decimals kept (default: ${DEFAULT-VALUE}).")
    int decimals;

    @Option(names = "--noise-scale", defaultValue = "1.0", description = "output-noise: sd of the noise on log-probabilities (default:"
            + " ${DEFAULT-VALUE}).")
    double noiseScale;

    @Option(names = "--data", description = "A MedMNIST .npz archive (default: the bundled samples/ml/ml/pneumoniamnist.npz).")
    Path data;

    @Option(names = "--samples", description = "Only N test images, evenly spaced through the part (default: all; smoothing: 100).")
    Integer samples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of PGD's random starts and of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    Output output;

    /** One budget: accuracy without the defence and with it, under the naive attack and the adaptive one. */
    record Row(double eps, EvasionResult undefended, EvasionResult naive, EvasionResult adaptive) {}

    @Override
    public Integer call() {
        String chosen = defence.toLowerCase(Locale.ROOT);
        if (!DEFENCES.contains(chosen)) {
            throw new BadInputException("unknown defence '" + defence + "' (" + String.join(", ", DEFENCES) + ")");
        }
        if (!attack.equalsIgnoreCase("pgd")) {
            throw new BadInputException("unknown attack '" + attack + "' (pgd)");
        }
        if (steps < 1 || steps > 10_000) {
            throw new BadInputException("--steps must be 1 to 10000");
        }
        if (samples != null && samples < 1) {
            throw new BadInputException("--samples must be at least 1");
        }
        double[] budgets = budgets(eps);
        Path archive = data != null ? data : AssessCommand.bundledArchive();
        ClassifierFile file = ClassifierFile.read(AssessCommand.modelFile(model));
        if (chosen.equals("smoothing")) {
            return smoothing(file, archive);
        }
        if (chosen.equals("detector")) {
            return PrivacyDefenceRuns.detector(file, archive, samples, budgets, steps, fpr, bits, median, seed, output);
        }
        if (PRIVACY.contains(chosen)) {
            checkMembership();
            if (chosen.equals("dp-sgd")) {
                if (!(epsilon > 0 && epsilon <= 100) || !(delta > 0 && delta < 1)) {
                    throw new BadInputException("--epsilon must be in (0, 100] and --delta in (0, 1)");
                }
                return PrivacyDefenceRuns.dpSgd(archive, population, shadows, epochs, epsilon, delta, seed, output);
            }
            int[] budgetsOfQueries = queries.stream().mapToInt(Integer::intValue).toArray();
            if (budgetsOfQueries.length == 0 || queries.stream().anyMatch(q -> q < 1 || q > 1_000_000) || copyEpochs < 1 || copyEpochs > 1000) {
                throw new BadInputException("--queries must be 1 to 1000000 each and --copy-epochs 1 to 1000");
            }
            return PrivacyDefenceRuns.postProcessing(chosen, PrivacyDefenceRuns.processing(chosen, k, decimals, noiseScale, seed), file, archive,
                    population, shadows, epochs, budgetsOfQueries, copyEpochs, seed, output);
        }
        ClassifierFile hardened = chosen.equals("adversarial-training")
                ? ClassifierFile.read(AssessCommand.modelFile(defendedModel != null ? defendedModel : "pneumonia-cnn-adv")) : null;
        Preprocessor preprocessor = hardened != null ? null : preprocessor(chosen, bits, median, quality);
        List<Row> rows;
        LabelledImages test;
        try (DjlClassifier bare = file.openWhiteBox(); DjlClassifier trained = hardened != null ? hardened.openWhiteBox() : null) {
            test = AssessCommand.images(archive, "test", file, samples == null ? Integer.MAX_VALUE : samples);
            rows = rows(bare, trained, preprocessor, budgets, steps, seed, test, output);
        }
        String what = hardened != null ? "adversarial training (" + hardened.name() + ")" : chosen + " (" + preprocessor.describe() + ")";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s against PGD L-inf, %d steps, on %d test images of %s", what, steps, test.size(),
                archive.getFileName()));
        lines.add(String.format(Locale.ROOT, "%-9s %-28s %8s %14s", "eps", "model", "clean", "under attack"));
        List<Map<String, Object>> json = new ArrayList<>();
        for (Row r : rows) {
            String e = fraction(r.eps());
            lines.add(String.format(Locale.ROOT, "%-9s %-28s %7.2f%% %13.2f%%", e, "no defence", 100 * r.undefended().cleanAccuracy(),
                    100 * r.undefended().robustAccuracy()));
            if (hardened != null) {
                lines.add(String.format(Locale.ROOT, "%-9s %-28s %7.2f%% %13.2f%%", e, "adversarially trained", 100 * r.adaptive().cleanAccuracy(),
                        100 * r.adaptive().robustAccuracy()));
            } else {
                lines.add(String.format(Locale.ROOT, "%-9s %-28s %7.2f%% %13.2f%%", e, "defended, naive attack", 100 * r.naive().cleanAccuracy(),
                        100 * r.naive().robustAccuracy()));
                lines.add(String.format(Locale.ROOT, "%-9s %-28s %7.2f%% %13.2f%%", e, "defended, adaptive (BPDA)", 100 * r.adaptive().cleanAccuracy(),
                        100 * r.adaptive().robustAccuracy()));
            }
            json.add(JsonOutput.object("eps", r.eps(), "cleanAccuracy", r.undefended().cleanAccuracy(), "robustAccuracy",
                    r.undefended().robustAccuracy(), "defendedCleanAccuracy", r.adaptive().cleanAccuracy(), "defendedNaiveRobustAccuracy",
                    r.naive() == null ? null : r.naive().robustAccuracy(), "defendedAdaptiveRobustAccuracy", r.adaptive().robustAccuracy()));
        }
        if (hardened == null) {
            lines.add("naive: PGD on the bare model's gradients; adaptive: PGD through the preprocessing by BPDA (Athalye et al. 2018).");
        } else {
            lines.add("the adversarially trained model is attacked with its own gradients (no obfuscation, so PGD is already adaptive).");
        }
        output.print(JsonOutput.object("model", file.name(), "defence", chosen, "settings", hardened != null ? hardened.name() : preprocessor.describe(),
                "attack", "pgd", "norm", "linf", "steps", steps, "samples", test.size(), "seed", seed, "results", json), lines.toArray(String[]::new));
        return 0;
    }

    private void checkMembership() {
        if (population < 8 || population > 100_000) {
            throw new BadInputException("--population must be 8 to 100000");
        }
        if (shadows != 0 && (shadows < 4 || shadows > 1024 || shadows % 2 != 0)) {
            throw new BadInputException("--shadows must be 0, or even from 4 to 1024 (each image is in half of them), got " + shadows);
        }
        if (epochs < 1 || epochs > 1000) {
            throw new BadInputException("--epochs must be 1 to 1000");
        }
    }

    private int smoothing(ClassifierFile file, Path archive) {
        if (!(sigma > 0 && sigma <= 10) || n0 < 1 || n < 1 || n > 1_000_000 || n0 > 1_000_000 || !(alpha > 0 && alpha < 1)) {
            throw new BadInputException("smoothing needs 0 < --sigma <= 10, --n0 and --n from 1 to 1000000 and 0 < --alpha < 1");
        }
        ClassifierFile base = ClassifierFile.read(AssessCommand.modelFile(defendedModel != null ? defendedModel : "pneumonia-cnn-noise"));
        int limit = samples == null ? 100 : samples;
        double plainClean;
        double baseClean;
        CertifiedAccuracy.Result r;
        LabelledImages test;
        try (DjlClassifier bare = file.openWhiteBox(); DjlClassifier noisy = base.openWhiteBox()) {
            test = AssessCommand.images(archive, "test", file, limit);
            plainClean = accuracy(bare, test);
            baseClean = accuracy(noisy, test);
            r = certify(noisy, sigma, test, n0, n, alpha, seed, output);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "randomised smoothing of %s, sigma %.2f, n0 %d, n %d, alpha %s, on %d test images of %s", base.name(),
                sigma, n0, n, java.math.BigDecimal.valueOf(alpha).toPlainString(), test.size(), archive.getFileName()));
        lines.add(String.format(Locale.ROOT, "no defence (%s), clean      %6.2f%%", file.name(), 100 * plainClean));
        lines.add(String.format(Locale.ROOT, "base classifier, clean       %6.2f%%", 100 * baseClean));
        for (int i = 0; i < RADII.length; i++) {
            lines.add(String.format(Locale.ROOT, "certified at L2 radius %.2f  %6.2f%%", RADII[i], 100 * r.accuracy()[i]));
        }
        lines.add(String.format(Locale.ROOT, "abstained                    %6.2f%%, mean certified radius %.3f, %.1f s", 100 * r.abstentionRate(),
                r.meanRadius(), r.seconds()));
        output.print(JsonOutput.object("model", file.name(), "defence", "smoothing", "base", base.name(), "sigma", sigma, "n0", n0, "n", n,
                "alpha", alpha, "samples", test.size(), "seed", seed, "cleanAccuracy", plainClean, "baseCleanAccuracy", baseClean, "radii", RADII,
                "certifiedAccuracy", r.accuracy(), "abstentionRate", r.abstentionRate(), "meanRadius", r.meanRadius(), "seconds", r.seconds()),
                lines.toArray(String[]::new));
        return 0;
    }

    /**
     * Per budget: PGD on the bare model; then either PGD on the adversarially trained model ({@code trained}), or PGD
     * on the preprocessed model, naive (bare gradients) and adaptive (BPDA). In the row of a trained model, naive is null.
     */
    static List<Row> rows(DjlClassifier bare, DjlClassifier trained, Preprocessor preprocessor, double[] budgets, int steps, long seed,
                          LabelledImages test, Output output) {
        PreprocessedClassifier preprocessed = trained == null ? new PreprocessedClassifier(bare, preprocessor) : null;
        List<Row> rows = new ArrayList<>();
        for (double e : budgets) {
            Pgd pgd = Pgd.of(Norm.LINF, e, steps, 1, seed);
            EvasionResult undefended = evaluate(bare, pgd, test, "no defence", output);
            if (trained != null) {
                rows.add(new Row(e, undefended, null, evaluate(trained, pgd, test, "adversarially trained", output)));
            } else {
                EvasionResult naive = evaluate(new SurrogateGradient(preprocessed, bare), pgd, test, "naive", output);
                rows.add(new Row(e, undefended, naive, evaluate(preprocessed, pgd, test, "BPDA", output)));
            }
        }
        return rows;
    }

    static CertifiedAccuracy.Result certify(DjlClassifier base, double sigma, LabelledImages test, int n0, int n, double alpha, long seed,
                                            Output output) {
        try (ProgressBar bar = new ProgressBar(output.err(), "certify", test.size(), !output.json())) {
            int[] shown = {0};
            return CertifiedAccuracy.run(new RandomisedSmoothing(base, sigma, 500), test.images(), test.labels(), RADII, n0, n, alpha, seed, done -> {
                for (; shown[0] < done; shown[0]++) {
                    bar.step();
                }
            });
        }
    }

    private static EvasionResult evaluate(WhiteBoxClassifier model, Pgd pgd, LabelledImages test, String label, Output output) {
        try (ProgressBar bar = new ProgressBar(output.err(), label + " " + fraction(pgd.eps()), test.size(), !output.json())) {
            int[] shown = {0};
            return EvasionEvaluation.run(model, pgd, test.images(), test.labels(), 64, done -> {
                for (; shown[0] < done; shown[0]++) {
                    bar.step();
                }
            });
        }
    }

    static double accuracy(DjlClassifier model, LabelledImages test) {
        int[] labels = model.predictLabels(test.images());
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += labels[i] == test.labels()[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    static Preprocessor preprocessor(String defence, int bits, int median, int quality) {
        try {
            return defence.equals("jpeg") ? new JpegCompression(quality) : new BitDepthReduction(bits).then(new MedianSmoothing(median));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage() + " (--bits 1 to 16, --median 2 to 9, --quality 1 to 100)");
        }
    }

    private static double[] budgets(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            return new double[] {8 / 255.0};
        }
        double[] values = new double[texts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = AssessCommand.parseEps(texts.get(i));
        }
        return values;
    }

    /** 0.0314 as "8/255" when it is a whole number of grey levels, else the number. */
    static String fraction(double eps) {
        double levels = eps * 255;
        return Math.abs(levels - Math.rint(levels)) < 1e-9 ? String.format(Locale.ROOT, "%.0f/255", levels) : String.format(Locale.ROOT, "%.4g", eps);
    }
}
