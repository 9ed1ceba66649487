package org.cyberhealth.assess.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.defence.OutputPostProcessing;
import org.cyberhealth.assess.defence.RandomisedSmoothing;
import org.cyberhealth.core.report.Block;
import org.cyberhealth.assess.extraction.CopyTrainer;
import org.cyberhealth.assess.membership.ModelRecipe;
import org.cyberhealth.core.report.Report;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.QueryOnlyClassifier;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * Runs the chosen threats against one model within a {@link Budget} and gathers their sections into a
 * {@link Report}. The time budget is shared out: evasion half, extraction the rest but a little for
 * membership (which costs one prediction per image). A model that answers queries only (ONNX, an
 * endpoint) meets the Square attack instead of FGSM and PGD. A threat that cannot run on this model (a copy
 * of a colour model) gets a section that says why instead of a rating.
 *
 * @param name         what the report calls the model
 * @param source       how the model is reached (djl, torchscript, onnx, endpoint)
 * @param data         where the images came from
 * @param copyTrainer  how an extraction attacker trains copies, or null when no copy can be trained
 * @param outputDefences what the service may release instead of full probabilities (labels only, rounding...):
 *                     membership and extraction are measured again against each
 */
public record SecurityAssessment(String name, String source, String data, Classifier model, LabelledImages train, LabelledImages test,
                                 CopyTrainer copyTrainer, List<Defence> defences, List<OutputPostProcessing> outputDefences,
                                 Smoothing smoothing, boolean detector, Replay replay) {

    /** Randomised smoothing of a base model trained on noise, certified in the evasion section; {@code name} names the base. */
    public record Smoothing(RandomisedSmoothing smoothing, String name) {}

    /**
     * The model's training recipe and the population it may be retrained on, when known (the reference models):
     * membership is then assessed by LiRA's game with {@code shadows} shadow models instead of on the model as delivered.
     */
    public record Replay(ModelRecipe recipe, String name, Dataset population, int shadows, Private privately) {}

    /** The same recipe trained with DP-SGD, replayed next to the plain one: its description and the recipe. */
    public record Private(ModelRecipe recipe, String name) {}

    /**
     * A defence against evasion to assess next to the bare model: its name and the defended model as an
     * adaptive attacker meets it (a preprocessing wrapped for BPDA, or a hardened network).
     */
    public record Defence(String name, WhiteBoxClassifier model) {}

    public SecurityAssessment {
        defences = List.copyOf(defences);
        outputDefences = List.copyOf(outputDefences);
    }

    private static final double EVASION_SHARE = 0.5;
    private static final double EXTRACTION_SHARE = 0.45;

    /** Hears how far a threat has got: its id, the units done and the units it expects. */
    public interface Progress {
        void update(String threat, long done, long total);
    }

    public Report run(Set<Threat> threats, Budget budget, long seed, Progress progress) {
        List<Section> sections = new ArrayList<>();
        if (threats.contains(Threat.EVASION)) {
            sections.add(evasion(budget, seed, progress));
        }
        if (threats.contains(Threat.MEMBERSHIP)) {
            if (replay != null) {
                int models = (replay.shadows() + 1) * (replay.privately() == null ? 1 : 2);
                sections.add(MembershipSection.replay(replay, outputDefences, seed, n -> progress.update(Threat.MEMBERSHIP.id(), n, models)));
            } else {
                progress.update(Threat.MEMBERSHIP.id(), 0, 1);
                sections.add(MembershipSection.assess(model, train, test, budget.samples(), outputDefences));
                progress.update(Threat.MEMBERSHIP.id(), 1, 1);
            }
        }
        if (threats.contains(Threat.EXTRACTION)) {
            sections.add(extraction(budget, seed, progress));
        }
        List<Report.Fact> facts = List.of(
                new Report.Fact("model", name + " (" + source + ")"),
                new Report.Fact("data", data + ": " + train.size() + " training and " + test.size() + " test images"),
                new Report.Fact("budget", budget.samples() + " images per attack at most"
                        + (budget.time() == null ? "" : ", about " + budget.time().toSeconds() + " s in all")),
                new Report.Fact("seed", Long.toString(seed)),
                new Report.Fact("date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)));
        return new Report("Security assessment of " + name, facts, sections);
    }

    private Section evasion(Budget budget, long seed, Progress progress) {
        // A model without gradients is attacked as its users meet it: through queries (Square).
        boolean whiteBox = model instanceof WhiteBoxClassifier;
        WhiteBoxClassifier attacked = QueryOnlyClassifier.of(model);
        // Defences wrap white-box models (BPDA needs the bare gradient); a query-only model meets none here.
        List<Defence> defended = whiteBox ? defences : List.of();
        int planned = EvasionSection.work(Math.min(budget.samples(), test.size()), defended.size());
        Section section = EvasionSection.assess(attacked, whiteBox ? EvasionSection.whiteBox(seed) : EvasionSection.queriesOnly(seed), defended,
                test, budget, EVASION_SHARE, n -> progress.update(Threat.EVASION.id(), n, planned));
        if (smoothing == null && !(detector && whiteBox)) {
            return section;
        }
        List<Block> blocks = new ArrayList<>(section.blocks());
        // Certificates and detection go before the advice and the catalogue links, after the attacks' results.
        int at = Math.max(0, blocks.size() - Threat.EVASION.references().size() - 1);
        int images = Math.min(CertificateBlocks.IMAGES, Math.min(budget.samples(), test.size()));
        if (detector && whiteBox) {
            progress.update("detector", 0, 1);
            blocks.addAll(at, DetectorBlocks.detect(attacked, train, test.spread(images), seed));
            at = Math.max(0, blocks.size() - Threat.EVASION.references().size() - 1);
        }
        if (smoothing != null) {
            blocks.addAll(at, CertificateBlocks.certify(smoothing.smoothing(), smoothing.name(), test, images, seed,
                    n -> progress.update("certify", n, images)));
        }
        return new Section(section.id(), section.heading(), section.rating(), section.ratingReason(), blocks);
    }

    private Section extraction(Budget budget, long seed, Progress progress) {
        if (copyTrainer == null) {
            return notAssessed(Threat.EXTRACTION, "No copy architecture fits this model's input (the reference copy takes single-channel images).");
        }
        long planned = 0;
        for (int b : ExtractionSection.BUDGETS) {
            planned += b + test.size();
        }
        long total = planned;
        return ExtractionSection.assess(model, train, test, copyTrainer, outputDefences, budget.seconds(EXTRACTION_SHARE), seed,
                n -> progress.update(Threat.EXTRACTION.id(), n, total));
    }

    private static Section notAssessed(Threat threat, String why) {
        return new Section(threat.id(), threat.heading(), Section.Rating.INFORMATION, String.format(Locale.ROOT, "Not assessed. %s", why),
                threat.references());
    }
}
