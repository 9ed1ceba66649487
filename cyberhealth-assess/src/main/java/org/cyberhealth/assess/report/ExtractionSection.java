package org.cyberhealth.assess.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.defence.OutputPostProcessing;
import org.cyberhealth.assess.defence.PostProcessedClassifier;
import org.cyberhealth.assess.extraction.CopyTrainer;
import org.cyberhealth.assess.extraction.ExtractionEvaluation;
import org.cyberhealth.assess.extraction.ExtractionResult;
import org.cyberhealth.assess.extraction.JacobianAugmentation;
import org.cyberhealth.core.report.Block;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.model.Classifier;

/**
 * The extraction part of a report: Jacobian-based augmentation (Papernot et al. 2017) from a few
 * in-distribution seed images copies the model through its answers at growing query budgets (250, 1,000,
 * 4,000: each four times the last, while the time budget allows), and the report gives the copy's
 * agreement with the model (fidelity) against the number of queries.
 */
final class ExtractionSection {

    static final int[] BUDGETS = {250, 1000, 4000};
    private static final int SEEDS = 100;
    private static final double HIGH_FIDELITY = 0.90;
    private static final double MEDIUM_FIDELITY = 0.80;

    private ExtractionSection() {}

    static Section assess(Classifier model, LabelledImages seeds, LabelledImages test, CopyTrainer trainer,
                          List<OutputPostProcessing> outputDefences, double seconds, long seed, IntConsumer queriesDone) {
        JacobianAugmentation attack = new JacobianAugmentation(seeds.spread(SEEDS).images(), 0.1, 3);
        List<ExtractionResult> results = new ArrayList<>();
        long started = System.nanoTime();
        int[] answered = {0};
        for (int budget : BUDGETS) {
            double spent = (System.nanoTime() - started) / 1e9;
            // Copying cost grows about linearly with the queries: each budget is four times the last.
            if (!results.isEmpty() && spent + 4 * results.get(results.size() - 1).seconds() > seconds) {
                break;
            }
            results.addAll(ExtractionEvaluation.run(model, attack, new int[] {budget}, trainer, test, seed, n -> {
                answered[0] += n;
                queriesDone.accept(answered[0]);
            }));
        }
        ExtractionResult last = results.get(results.size() - 1);
        // Each output defence meets the same attack at the largest budget reached.
        List<ExtractionResult> defended = new ArrayList<>();
        for (OutputPostProcessing defence : outputDefences) {
            defended.addAll(ExtractionEvaluation.run(new PostProcessedClassifier(model, defence), attack, new int[] {(int) last.queries()},
                    trainer, test, seed, n -> {}));
        }

        List<List<String>> rows = new ArrayList<>();
        double[] queries = new double[results.size()];
        double[] fidelity = new double[results.size()];
        double[] accuracy = new double[results.size()];
        String[] labels = new String[results.size()];
        for (int i = 0; i < results.size(); i++) {
            ExtractionResult r = results.get(i);
            rows.add(List.of(String.format(Locale.ROOT, "%,d", r.queries()), EvasionSection.percent(r.fidelity()),
                    EvasionSection.percent(r.accuracy())));
            queries[i] = Math.log10((double) r.queries() / results.get(0).queries());
            fidelity[i] = r.fidelity();
            accuracy[i] = r.accuracy();
            labels[i] = String.format(Locale.ROOT, "%,d", r.queries());
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(String.format(Locale.ROOT, "We played a competitor who may only send images to the model and read its "
                + "answers: starting from %d images like the model's, we trained a copy on the answers, growing the query set along the "
                + "copy's own gradient (Papernot et al. 2017). Fidelity is how often the copy gives the model's label on %d test images "
                + "(the model itself is right on %s of them; a copy that always answers the commonest label agrees on %s).", SEEDS,
                test.size(), EvasionSection.percent(last.victimAccuracy()), EvasionSection.percent(last.agreementBaseline()))));
        blocks.add(new Block.Table("Copy against queries", List.of("queries", "fidelity", "copy's accuracy"), rows));
        if (!outputDefences.isEmpty()) {
            List<List<String>> defenceRows = new ArrayList<>();
            for (int d = 0; d < outputDefences.size(); d++) {
                ExtractionResult r = defended.get(d);
                defenceRows.add(List.of(outputDefences.get(d).describe(), String.format(Locale.ROOT, "%,d", r.queries()),
                        EvasionSection.percent(r.fidelity()), EvasionSection.percent(r.accuracy())));
            }
            blocks.add(new Block.Table("The same attack against a service that releases less", List.of("released", "queries", "fidelity",
                    "copy's accuracy"), defenceRows));
        }
        if (results.size() > 1) {
            blocks.add(new Block.Chart("extraction-fidelity.svg", "Fidelity of the copy against the number of queries (log scale).",
                    AccuracyCurveSvg.render("Model extraction (Jacobian augmentation)", "queries (log scale)", queries, labels,
                            List.of(new AccuracyCurveSvg.Series("fidelity", fidelity), new AccuracyCurveSvg.Series("copy accuracy", accuracy)))));
        }
        blocks.add(new Block.Paragraph("What to do: limit and monitor the queries each client may send, return labels or rounded scores "
                + "rather than full probabilities, and mark the model so that a copy can be recognised."));
        blocks.addAll(Threat.EXTRACTION.references());

        Section.Rating rating = last.fidelity() >= HIGH_FIDELITY ? Section.Rating.HIGH
                : last.fidelity() >= MEDIUM_FIDELITY ? Section.Rating.MEDIUM : Section.Rating.LOW;
        String reason = String.format(Locale.ROOT, "A copy trained on %,d answers agrees with the model on %s of the test images.", last.queries(),
                EvasionSection.percent(last.fidelity()));
        return new Section(Threat.EXTRACTION.id(), Threat.EXTRACTION.heading(), rating, reason, blocks);
    }
}
