package org.cyberhealth.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.report.Budget;
import org.cyberhealth.assess.report.SecurityAssessment;
import org.cyberhealth.assess.report.Threat;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.report.Report;
import org.cyberhealth.core.report.ReportFolder;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.DpSgd;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.cyberhealth.assess.membership.ReferenceRecipe;
import org.cyberhealth.assess.defence.DpSgdRecipe;
import org.cyberhealth.assess.defence.OutputPostProcessing;
import org.cyberhealth.assess.defence.PreprocessedClassifier;
import org.cyberhealth.assess.defence.RandomisedSmoothing;
import org.cyberhealth.assess.defence.Preprocessor;
import org.cyberhealth.assess.extraction.ReferenceCopyTrainer;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * {@code cyberhealth assess --model ... --out report/}: checks the options, opens the model (with its
 * gradients where the source gives them), runs the threats with a progress bar each, writes the report
 * folder and prints one line per threat.
 */
final class AssessReport {

    private static final int COPY_EPOCHS = 5;

    private AssessReport() {}

    /** Parses "90s", "5m", "1h" (a whole number and a unit). */
    static Duration time(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("[1-9][0-9]{0,5}[smh]")) {
            throw new BadInputException("--time takes a whole number and s, m or h (e.g. 90s, 5m), got '" + text + "'");
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    static Set<Threat> threats(List<String> names) {
        Set<Threat> chosen = EnumSet.noneOf(Threat.class);
        for (String name : names) {
            try {
                chosen.add(Threat.of(name.trim().toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        return chosen;
    }

    /** The defences the report can assess next to the bare model: against evasion, then on the service's outputs. */
    static final List<String> EVASION_DEFENCES = List.of("squeeze", "jpeg", "adversarial-training", "smoothing");
    /** The noise the committed smoothing base was trained with (pneumonia-cnn-noise), so its certificates hold at it. */
    private static final double SMOOTHING_SIGMA = 0.25;
    static final List<String> OUTPUT_DEFENCES = List.of("labels-only", "top-k", "rounding", "output-noise");
    /** Defences with a part of their own: the detector (evasion) and DP-SGD (membership, by replaying the recipe privately). */
    static final List<String> OTHER_DEFENCES = List.of("detector", "dp-sgd");
    /** The privacy budget of the report's DP-SGD replay, at delta 1e-5: the committed pneumonia-cnn-dp's. */
    private static final double DP_EPSILON = 8;
    static final List<String> DEFENCES = java.util.stream.Stream.of(EVASION_DEFENCES, OUTPUT_DEFENCES, OTHER_DEFENCES).flatMap(List::stream).toList();

    static List<String> defences(List<String> names) {
        List<String> chosen = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            String d = name.trim().toLowerCase(Locale.ROOT);
            if (!DEFENCES.contains(d)) {
                throw new BadInputException("unknown defence '" + name + "' for the report (" + String.join(", ", DEFENCES) + ")");
            }
            if (!chosen.contains(d)) {
                chosen.add(d);
            }
        }
        return chosen;
    }

    /** The population LiRA's game may use, in images per attacked image of the budget: members and non-members together. */
    private static final int POPULATION_PER_SAMPLE = 10;

    static int run(String model, Path data, Set<Threat> threats, List<String> defenceNames, String hardenedModel, String noiseModel, int shadows,
                   Budget budget, long seed, Path out, boolean force, Section.Rating failOn, Output output) {
        if (java.nio.file.Files.exists(out) && !force) {
            throw new BadInputException("output " + out + " already exists (use --force to replace it)");
        }
        Path descriptor = AssessCommand.modelFile(model);
        Path archive = data != null ? data : AssessCommand.bundledArchive();
        ClassifierFile file = ClassifierFile.read(descriptor);
        LabelledImages train = AssessCommand.images(archive, "train", file, Integer.MAX_VALUE);
        LabelledImages test = AssessCommand.images(archive, "test", file, Integer.MAX_VALUE);
        ReferenceCopyTrainer copies = file.input().channels() == 1
                ? new ReferenceCopyTrainer(ReferenceClassifier.PNEUMONIA_CNN, file.input().height(), file.input().width(), file.classes(), COPY_EPOCHS)
                : null;
        ClassifierFile hardened = defenceNames.contains("adversarial-training")
                ? ClassifierFile.read(AssessCommand.modelFile(hardenedModel != null ? hardenedModel : file.name() + "-adv")) : null;
        ClassifierFile noisy = defenceNames.contains("smoothing")
                ? ClassifierFile.read(AssessCommand.modelFile(noiseModel != null ? noiseModel : file.name() + "-noise")) : null;
        Report report;
        try (Classifier classifier = file.source().whiteBox() ? file.openWhiteBox() : file.open();
             Classifier trained = hardened != null ? hardened.openWhiteBox() : null;
             Classifier base = noisy != null ? noisy.open() : null) {
            List<SecurityAssessment.Defence> defences = new ArrayList<>();
            List<OutputPostProcessing> outputs = new ArrayList<>();
            for (String name : defenceNames) {
                if (name.equals("smoothing") || OTHER_DEFENCES.contains(name)) {
                    continue;
                }
                if (OUTPUT_DEFENCES.contains(name)) {
                    outputs.add(PrivacyDefenceRuns.processing(name, 1, 2, 1.0, seed));
                } else if (classifier instanceof WhiteBoxClassifier whiteBox) {
                    defences.add(name.equals("adversarial-training")
                            ? new SecurityAssessment.Defence("adversarial training (" + hardened.name() + ")", (WhiteBoxClassifier) trained)
                            : new SecurityAssessment.Defence(name + " (" + preprocessor(name).describe() + ")",
                                    new PreprocessedClassifier(whiteBox, preprocessor(name))));
                }
            }
            SecurityAssessment assessment = new SecurityAssessment(file.name(), file.source().kind(), archive.getFileName().toString(), classifier,
                    train, test, copies, defences, outputs,
                    base == null ? null : new SecurityAssessment.Smoothing(new RandomisedSmoothing(base, SMOOTHING_SIGMA, 500), noisy.name()),
                    defenceNames.contains("detector"), replay(file, data, shadows, budget, defenceNames.contains("dp-sgd")));
            Bars bars = new Bars(output);
            try {
                report = assessment.run(threats, budget, seed, bars::update);
            } finally {
                bars.close();
            }
        }
        ReportFolder.write(report, out, force);
        Map<String, Object> ratings = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (Section section : report.sections()) {
            ratings.put(section.id(), Map.of("rating", section.rating().name().toLowerCase(Locale.ROOT), "reason", section.ratingReason()));
            lines.add(String.format(Locale.ROOT, "%-11s %-12s %s", section.id(), section.rating().label(), section.ratingReason()));
            failed |= failOn != null && section.rating() != Section.Rating.INFORMATION && section.rating().ordinal() <= failOn.ordinal();
        }
        lines.add("report: " + out.resolve("index.html"));
        output.print(JsonOutput.object("model", descriptor.toString(), "report", out.resolve("index.html").toString(), "threats", ratings,
                "failed", failed), lines.toArray(String[]::new));
        return failed ? 1 : 0;
    }

    /**
     * LiRA's game when the model is a reference model whose recipe can be replayed (plain training) and
     * shadows are asked for; otherwise null (the loss attack on the model as delivered).
     */
    private static SecurityAssessment.Replay replay(ClassifierFile file, Path data, int shadows, Budget budget, boolean privately) {
        ReferenceClassifier reference = ReferenceClassifier.find(file.name());
        if (shadows == 0 || reference == null || !reference.replayable()) {
            if (privately) {
                throw new BadInputException("--defences dp-sgd replays the model's recipe privately: it needs a reference model with a plain recipe"
                        + " and --shadows above 0");
            }
            return null;
        }
        Dataset population = AssessMembershipCommand.population(data, reference, budget.samples() * POPULATION_PER_SAMPLE);
        SecurityAssessment.Private dp = null;
        if (privately) {
            int members = population.size() / 2;
            // The reference recipe's batch as the expected lot, smaller for a small game (each lot at most half the members).
            DpSgdRecipe recipe = new DpSgdRecipe(reference, new DpSgd(1.0, 1.0, Math.max(1, Math.min(reference.batchSize(), members / 2)),
                    reference.epochs(), reference.learningRate()), DP_EPSILON, 1e-5);
            dp = new SecurityAssessment.Private(recipe, String.format(Locale.ROOT, "DP-SGD, epsilon %.0f", DP_EPSILON));
        }
        return new SecurityAssessment.Replay(new ReferenceRecipe(reference, reference.epochs()), reference.id(), population, shadows, dp);
    }

    private static Preprocessor preprocessor(String name) {
        return AssessDefenceCommand.preprocessor(name, AssessDefenceCommand.DEFAULT_BITS, AssessDefenceCommand.DEFAULT_MEDIAN,
                AssessDefenceCommand.DEFAULT_QUALITY);
    }

    /** One fraction bar per threat, opened when the threat starts and closed when the next one does. */
    private static final class Bars {
        private final Output output;
        private String current;
        private ProgressBar bar;

        Bars(Output output) {
            this.output = output;
        }

        void update(String threat, long done, long total) {
            if (!threat.equals(current)) {
                close();
                current = threat;
                bar = ProgressBar.ofFraction(output.err(), threat, !output.json());
            }
            bar.reach(total > 0 ? Math.min(1.0, (double) done / total) : -1);
        }

        void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
