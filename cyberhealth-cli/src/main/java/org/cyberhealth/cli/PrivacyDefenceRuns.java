package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.defence.BitDepthReduction;
import org.cyberhealth.assess.defence.DetectionEvaluation;
import org.cyberhealth.assess.defence.DpSgdRecipe;
import org.cyberhealth.assess.defence.LabelsOnly;
import org.cyberhealth.assess.defence.MedianSmoothing;
import org.cyberhealth.assess.defence.OutputNoise;
import org.cyberhealth.assess.defence.OutputPostProcessing;
import org.cyberhealth.assess.defence.PostProcessedClassifier;
import org.cyberhealth.assess.defence.PostProcessedRecipe;
import org.cyberhealth.assess.defence.Preprocessor;
import org.cyberhealth.assess.defence.RdpAccountant;
import org.cyberhealth.assess.defence.Rounding;
import org.cyberhealth.assess.defence.SqueezeAwareClassifier;
import org.cyberhealth.assess.defence.SqueezingDetector;
import org.cyberhealth.assess.defence.TopK;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.assess.extraction.ExtractionAttack;
import org.cyberhealth.assess.extraction.ExtractionEvaluation;
import org.cyberhealth.assess.extraction.ExtractionResult;
import org.cyberhealth.assess.membership.Lira;
import org.cyberhealth.assess.membership.LossThreshold;
import org.cyberhealth.assess.membership.MembershipAttack;
import org.cyberhealth.assess.membership.MembershipExperiment;
import org.cyberhealth.assess.membership.ModelRecipe;
import org.cyberhealth.assess.membership.ReferenceRecipe;
import org.cyberhealth.assess.membership.Roc;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.DpSgd;
import org.cyberhealth.ml.model.ReferenceClassifier;

/**
 * The privacy-side defences of {@code assess defence}, each run with the attack it is meant for: DP-SGD against
 * membership inference, output post-processing against membership inference and extraction, the squeezing detector
 * against evasion (naive and adaptive PGD).
 */
final class PrivacyDefenceRuns {

    private PrivacyDefenceRuns() {}

    /** One membership measurement: an attack's ROC on one experiment. */
    record MembershipRow(String setting, String attack, double trainAccuracy, double testAccuracy, Roc roc) {

        Map<String, Object> json() {
            return JsonOutput.object("setting", setting, "attack", attack, "trainAccuracy", trainAccuracy, "testAccuracy", testAccuracy, "auc",
                    roc.auc(), "tprAt0.1%FPR", roc.tprAt(0.001), "tprAt1%FPR", roc.tprAt(0.01));
        }

        String line() {
            return String.format(Locale.ROOT, "%-38s %-14s %6.2f%% %6.2f%% %7.4f %8.2f%% %8.2f%%", setting, attack, 100 * trainAccuracy, 100 * testAccuracy,
                    roc.auc(), 100 * roc.tprAt(0.001), 100 * roc.tprAt(0.01));
        }
    }

    static final String MEMBERSHIP_HEADER = String.format(Locale.ROOT, "%-38s %-14s %7s %7s %7s %9s %9s", "model", "attack", "train", "test", "AUC",
            "TPR@0.1%", "TPR@1%");

    /** Loss threshold always; LiRA online too when there are shadows. */
    static List<MembershipRow> membership(String setting, Dataset population, ModelRecipe recipe, int shadows, long seed, Output output) {
        MembershipExperiment.Outcome outcome;
        try (ProgressBar bar = new ProgressBar(output.err(), "models (" + setting + ")", shadows + 1, !output.json())) {
            outcome = MembershipExperiment.run(population, recipe, shadows, seed, done -> bar.step());
        }
        List<MembershipRow> rows = new ArrayList<>();
        List<MembershipAttack> attacks = shadows == 0 ? List.of(new LossThreshold()) : List.of(new LossThreshold(), Lira.online());
        for (MembershipAttack attack : attacks) {
            rows.add(new MembershipRow(setting, attack.name(), outcome.trainAccuracy(), outcome.testAccuracy(), outcome.roc(attack)));
        }
        return rows;
    }

    static int dpSgd(Path archive, int populationSize, int shadows, int epochs, double epsilon, double delta, long seed, Output output) {
        ReferenceClassifier reference = ReferenceClassifier.PNEUMONIA_CNN;
        Dataset population = AssessMembershipCommand.population(archive, reference, populationSize);
        int members = population.size() / 2;
        DpSgdRecipe dp;
        try {
            // The reference recipe's batch of 32 as the expected lot, smaller for a tiny game (each lot at most half the members).
            dp = new DpSgdRecipe(reference, new DpSgd(1.0, 1.0, Math.max(1, Math.min(32, members / 2)), epochs, 1e-3), epsilon, delta);
            dp.settingsFor(members);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        List<MembershipRow> rows = new ArrayList<>(membership("no defence (" + epochs + " epochs)", population, new ReferenceRecipe(reference, epochs),
                shadows, seed, output));
        String name = String.format(Locale.ROOT, "DP-SGD, epsilon %.3g", epsilon);
        rows.addAll(membership(name, population, dp, shadows, seed, output));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "DP-SGD against membership inference on %d images of %s (%d members), %d shadow models, seed %d",
                population.size(), archive.getFileName(), members, shadows, seed));
        lines.add("DP recipe: " + dp.describe(members));
        lines.add(MEMBERSHIP_HEADER);
        rows.forEach(r -> lines.add(r.line()));
        output.print(JsonOutput.object("defence", "dp-sgd", "population", population.size(), "members", members, "shadows", shadows, "epochs", epochs,
                "epsilon", RdpAccountant.epsilon(dp.settingsFor(members), members, delta).epsilon(), "delta", delta, "noiseMultiplier",
                dp.settingsFor(members).noiseMultiplier(), "recipe", dp.describe(members), "seed", seed, "results",
                rows.stream().map(MembershipRow::json).toList()), lines.toArray(String[]::new));
        return 0;
    }

    static OutputPostProcessing processing(String defence, int k, int decimals, double noise, long seed) {
        try {
            return switch (defence) {
                case "labels-only" -> new LabelsOnly();
                case "top-k" -> new TopK(k);
                case "rounding" -> new Rounding(decimals);
                case "output-noise" -> new OutputNoise(noise, seed);
                default -> throw new IllegalStateException(defence);
            };
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage() + " (--k >= 1, --decimals 0 to 6, --noise-scale >= 0)");
        }
    }

    /** Extraction fidelity of both attacks at every budget, against the bare victim and the post-processed one. */
    record ExtractionRow(String setting, ExtractionResult result) {

        Map<String, Object> json() {
            return JsonOutput.object("setting", setting, "method", result.attack(), "queries", result.queries(), "fidelity", result.fidelity(),
                    "copyAccuracy", result.accuracy());
        }
    }

    static List<ExtractionRow> extraction(ClassifierFile file, Path archive, OutputPostProcessing processing, int[] budgets, int epochs, long seed,
                                          Output output) {
        List<ExtractionRow> rows = new ArrayList<>();
        int total = 0;
        for (int b : budgets) {
            total += 4 * b;
        }
        try (Classifier bare = file.open(); ProgressBar bar = new ProgressBar(output.err(), "queries", total, !output.json())) {
            LabelledImages test = AssessCommand.images(archive, "test", file, Integer.MAX_VALUE);
            for (String method : List.of("knockoff", "jacobian")) {
                // Knockoff's natural images: BreastMNIST beside the archive when there, else the bundled one.
                Path beside = archive.resolveSibling("breastmnist.npz");
                ExtractionAttack attack = AssessExtractionCommand.attack(method, file, archive, java.nio.file.Files.exists(beside) ? beside : null);
                for (Classifier victim : List.of(bare, new PostProcessedClassifier(bare, processing))) {
                    String setting = victim == bare ? "no defence" : processing.describe();
                    for (ExtractionResult r : ExtractionEvaluation.run(victim, attack, budgets, AssessExtractionCommand.trainer(file, epochs), test, seed,
                            n -> {
                                for (int i = 0; i < n; i++) {
                                    bar.step();
                                }
                            })) {
                        rows.add(new ExtractionRow(setting, r));
                    }
                }
            }
        }
        return rows;
    }

    static int postProcessing(String defence, OutputPostProcessing processing, ClassifierFile file, Path archive, int populationSize, int shadows,
                              int epochs, int[] budgets, int copyEpochs, long seed, Output output) {
        ReferenceClassifier reference = ReferenceClassifier.PNEUMONIA_CNN;
        Dataset population = AssessMembershipCommand.population(archive, reference, populationSize);
        ReferenceRecipe recipe = new ReferenceRecipe(reference, epochs);
        List<MembershipRow> membership = new ArrayList<>(membership("no defence", population, recipe, shadows, seed, output));
        membership.addAll(membership(processing.describe(), population, new PostProcessedRecipe(recipe, processing), shadows, seed, output));
        List<ExtractionRow> extraction = extraction(file, archive, processing, budgets, copyEpochs, seed, output);
        double plain;
        double kept;
        try (DjlClassifier model = file.openWhiteBox()) {
            LabelledImages test = AssessCommand.images(archive, "test", file, Integer.MAX_VALUE);
            plain = AssessDefenceCommand.accuracy(model, test);
            kept = accuracy(new PostProcessedClassifier(model, processing), test);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s: test accuracy of %s %.2f%% without, %.2f%% with (the label is kept)", processing.describe(), file.name(),
                100 * plain, 100 * kept));
        lines.add(String.format(Locale.ROOT, "membership (%s recipe, %d epochs, %d images, %d shadow models, seed %d):", reference.id(), epochs,
                population.size(), shadows, seed));
        lines.add(MEMBERSHIP_HEADER);
        membership.forEach(r -> lines.add(r.line()));
        lines.add(String.format(Locale.ROOT, "extraction of %s (copies trained %d epochs; fidelity on %s's test images):", file.name(), copyEpochs,
                archive.getFileName()));
        lines.add(String.format(Locale.ROOT, "%-38s %-9s %8s %9s %9s", "victim answers", "method", "queries", "fidelity", "accuracy"));
        for (ExtractionRow r : extraction) {
            lines.add(String.format(Locale.ROOT, "%-38s %-9s %8d %8.2f%% %8.2f%%", r.setting(), r.result().attack(), r.result().queries(),
                    100 * r.result().fidelity(), 100 * r.result().accuracy()));
        }
        output.print(JsonOutput.object("defence", defence, "settings", processing.describe(), "model", file.name(), "cleanAccuracy", plain,
                "defendedCleanAccuracy", kept, "population", population.size(), "shadows", shadows, "epochs", epochs, "seed", seed, "membership",
                membership.stream().map(MembershipRow::json).toList(), "extraction", extraction.stream().map(ExtractionRow::json).toList()),
                lines.toArray(String[]::new));
        return 0;
    }

    static int detector(ClassifierFile file, Path archive, Integer samples, double[] budgets, int steps, double fpr, int bits, int median, long seed,
                        Output output) {
        if (!(fpr > 0 && fpr < 1)) {
            throw new BadInputException("--fpr must be between 0 and 1");
        }
        List<Preprocessor> squeezers;
        try {
            squeezers = List.of(new BitDepthReduction(bits), new MedianSmoothing(median));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage() + " (--bits 1 to 16, --median 2 to 9)");
        }
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        try (DjlClassifier model = file.openWhiteBox()) {
            LabelledImages calibration = AssessCommand.images(archive, "val", file, Integer.MAX_VALUE);
            LabelledImages test = AssessCommand.images(archive, "test", file, samples == null ? Integer.MAX_VALUE : samples);
            SqueezingDetector detector = SqueezingDetector.calibrate(model, squeezers, calibration.images(), fpr);
            lines.add(String.format(Locale.ROOT, "%s, calibrated at %.1f%% false positives on %d validation images; PGD-%d L-inf on %d test images",
                    detector.describe(), 100 * fpr, calibration.size(), steps, test.size()));
            lines.add(String.format(Locale.ROOT, "%-9s %-9s %9s %8s %10s %9s", "eps", "attack", "clean FPR", "turned", "detected", "evaded"));
            try (ProgressBar bar = new ProgressBar(output.err(), "detector", 2 * budgets.length, !output.json())) {
                for (double e : budgets) {
                    Pgd pgd = Pgd.of(Norm.LINF, e, steps, 1, seed);
                    for (boolean adaptive : new boolean[] {false, true}) {
                        DetectionEvaluation.Result r = DetectionEvaluation.run(model, detector, pgd,
                                adaptive ? new SqueezeAwareClassifier(model, squeezers) : model, test.images(), test.labels());
                        bar.step();
                        String attack = adaptive ? "adaptive" : "naive";
                        lines.add(String.format(Locale.ROOT, "%-9s %-9s %8.2f%% %8d %9.2f%% %8.2f%%", AssessDefenceCommand.fraction(e), attack,
                                100 * r.falsePositiveRate(), r.turned(), 100 * r.detectionRate(), 100 * r.evadedRate()));
                        json.add(JsonOutput.object("eps", e, "attack", attack, "falsePositiveRate", r.falsePositiveRate(), "cleanAccuracy", r.cleanAccuracy(),
                                "turned", r.turned(), "detectionRate", r.detectionRate(), "evadedRate", r.evadedRate()));
                    }
                }
            }
            lines.add("detected: share of the images turned wrong that are flagged; evaded: turned wrong and not flagged, of the images right before.");
            lines.add("adaptive: PGD on the summed loss of the raw and every squeezed prediction (BPDA), so all go wrong together (He et al. 2017).");
            output.print(JsonOutput.object("defence", "detector", "model", file.name(), "detector", detector.describe(), "threshold", detector.threshold(),
                    "targetFalsePositiveRate", fpr, "steps", steps, "samples", test.size(), "seed", seed, "results", json), lines.toArray(String[]::new));
        }
        return 0;
    }

    private static double accuracy(Classifier model, LabelledImages test) {
        int[] labels = model.predictLabels(test.images());
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += labels[i] == test.labels()[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }
}
