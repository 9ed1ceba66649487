package org.cyberhealth.assess.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.assess.LabelledImages;
import java.util.function.IntConsumer;
import org.cyberhealth.assess.defence.LabelsOnly;
import org.cyberhealth.assess.defence.OutputPostProcessing;
import org.cyberhealth.assess.defence.PostProcessedClassifier;
import org.cyberhealth.assess.membership.Confidence;
import org.cyberhealth.assess.membership.LabelOnlyAugmentation;
import org.cyberhealth.assess.membership.Lira;
import org.cyberhealth.assess.membership.LossThreshold;
import org.cyberhealth.assess.membership.MembershipExperiment;
import org.cyberhealth.assess.membership.Observations;
import org.cyberhealth.assess.membership.Roc;
import org.cyberhealth.core.report.Block;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.ClassifierTraining;

/**
 * The membership part of a report, on the model as delivered: the loss-threshold attack (Yeom et al.
 * 2018) separates the images the model was trained on (the data's training part, as declared by the user)
 * from images it never saw (the test part), from the model's answers only. Reported as LiRA argues
 * (Carlini et al. 2022): the ROC on log-log axes and the true-positive rate at a low false-positive rate,
 * where individual patients are exposed, not just the AUC. When the training recipe is known (the
 * reference models), the report replays it and runs LiRA with shadow models, the stronger attack.
 */
final class MembershipSection {

    private MembershipSection() {}

    static Section assess(Classifier model, LabelledImages members, LabelledImages nonMembers, int perGroup,
                          List<OutputPostProcessing> outputDefences) {
        LabelledImages in = members.spread(perGroup);
        LabelledImages out = nonMembers.spread(perGroup);
        double[] scores = new double[in.size() + out.size()];
        boolean[] isMember = new boolean[scores.length];
        score(model, in, scores, 0);
        score(model, out, scores, in.size());
        for (int i = 0; i < in.size(); i++) {
            isMember[i] = true;
        }
        List<Attacked> attacks = new ArrayList<>(List.of(new Attacked("loss threshold", Roc.of(scores, isMember), false)));
        for (OutputPostProcessing defence : outputDefences) {
            Classifier released = new PostProcessedClassifier(model, defence);
            double[] defended = new double[scores.length];
            score(released, in, defended, 0);
            score(released, out, defended, in.size());
            attacks.add(new Attacked("loss threshold, " + defence.describe(), Roc.of(defended, isMember), true));
        }
        String what = String.format(Locale.ROOT, "We asked the model about %d images of its training part and %d it never saw, and "
                + "guessed 'trained on' when its loss (how wrong it is on the true label) was low. If the guess is better than chance, the "
                + "model's answers reveal who was in the training data. The training part is the one declared with the data; if the model "
                + "was trained on other images, this part measures nothing.", in.size(), out.size());
        return section(what, attacks, out.size());
    }

    /**
     * LiRA's game on the model's recipe (Carlini et al. 2022): the target retrained on a random half of
     * {@code population}, {@code shadows} shadow models on other halves, every image scored by the loss
     * threshold and by LiRA online; the stronger attack decides the rating.
     */
    static Section replay(SecurityAssessment.Replay replay, List<OutputPostProcessing> outputDefences, long seed, IntConsumer modelsTrained) {
        Dataset population = replay.population();
        int shadows = replay.shadows();
        String recipeName = replay.name();
        MembershipExperiment.Outcome outcome = MembershipExperiment.run(population, replay.recipe(), shadows, seed, modelsTrained);
        String lira = "LiRA online, " + shadows + " shadows";
        List<Attacked> attacks = new ArrayList<>(List.of(new Attacked("loss threshold", outcome.roc(new LossThreshold()), false),
                new Attacked(lira, outcome.roc(Lira.online()), false)));
        for (OutputPostProcessing defence : outputDefences) {
            // The service releases processed rows to everyone, shadows' owner included: the game is the same, on those rows.
            MembershipExperiment.Outcome released = released(outcome, population, defence);
            attacks.add(new Attacked("loss threshold, " + defence.describe(), released.roc(new LossThreshold()), true));
            attacks.add(new Attacked(lira + ", " + defence.describe(), released.roc(Lira.online()), true));
            if (defence instanceof LabelsOnly) {
                // The adaptive attack on a labels-only service asks for labels of augmented copies of each image.
                attacks.add(new Attacked("label-only augmentation attack, " + defence.describe(),
                        LabelOnlyAugmentation.run(population, replay.recipe(), seed), true));
            }
        }
        String privately = "";
        if (replay.privately() != null) {
            // The same game with every model (target and shadows) trained privately: what DP-SGD buys, and costs.
            MembershipExperiment.Outcome dp = MembershipExperiment.run(population, replay.privately().recipe(), shadows, seed,
                    n -> modelsTrained.accept(shadows + 1 + n));
            attacks.add(new Attacked("loss threshold, " + replay.privately().name(), dp.roc(new LossThreshold()), true));
            attacks.add(new Attacked(lira + ", " + replay.privately().name(), dp.roc(Lira.online()), true));
            privately = String.format(Locale.ROOT, " Trained with %s, the model scores %s on its training half and %s on the other.",
                    replay.privately().name(), EvasionSection.percent(dp.trainAccuracy()), EvasionSection.percent(dp.testAccuracy()));
        }
        String what = String.format(Locale.ROOT, "We replayed the model's training recipe (%s) as Carlini et al. (2022) do: the model "
                + "retrained on a random half of %d images, %d shadow models on other random halves, so that for every image the attacker "
                + "knows how models behave with and without it (LiRA), next to the simple loss threshold. The retrained model scores %s "
                + "on its training half and %s on the other.", recipeName, population.size(), shadows,
                EvasionSection.percent(outcome.trainAccuracy()), EvasionSection.percent(outcome.testAccuracy())) + privately;
        return section(what, attacks, population.size() - outcome.memberCount());
    }

    /** An attack's curve; {@code defended} when it ran on a defended service's answers (shown, but not rating the model). */
    private record Attacked(String name, Roc roc, boolean defended) {}

    /** The experiment's observations as a service applying {@code defence} would have released them. */
    private static MembershipExperiment.Outcome released(MembershipExperiment.Outcome outcome, Dataset population, OutputPostProcessing defence) {
        Observations seen = outcome.seen();
        float[][] images = new float[population.size()][];
        for (int i = 0; i < images.length; i++) {
            images[i] = ClassifierTraining.toFloats(population.features()[i]);
        }
        float[][][] shadows = new float[seen.shadowCount()][][];
        for (int s = 0; s < shadows.length; s++) {
            shadows[s] = processed(seen.shadows()[s], images, defence);
        }
        return new MembershipExperiment.Outcome(new Observations(seen.labels(), processed(seen.target(), images, defence), shadows,
                seen.shadowIn()), outcome.members(), outcome.trainAccuracy(), outcome.testAccuracy());
    }

    private static float[][] processed(float[][] rows, float[][] images, OutputPostProcessing defence) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = defence.apply(rows[i], images[i]);
        }
        return out;
    }

    private static Section section(String what, List<Attacked> attacks, int nonMembers) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(what));
        List<List<String>> rows = new ArrayList<>();
        List<RocSvg.Curve> curves = new ArrayList<>();
        Attacked strongest = attacks.get(0);
        for (Attacked a : attacks) {
            rows.add(List.of(a.name(), String.format(Locale.ROOT, "%.3f", a.roc().auc()), EvasionSection.percent(a.roc().tprAt(0.01)),
                    EvasionSection.percent(a.roc().tprAt(0.001)), EvasionSection.percent(a.roc().bestBalancedAccuracy())));
            curves.add(new RocSvg.Curve(String.format(Locale.ROOT, "%s, AUC %.3f", a.name(), a.roc().auc()), a.roc().fpr(), a.roc().tpr()));
            // The model as delivered decides the rating; defended rows only inform.
            strongest = !a.defended() && a.roc().tprAt(0.01) > strongest.roc().tprAt(0.01) ? a : strongest;
        }
        rows.add(List.of("chance", "0.500", "1.0%", nonMembers < 1000 ? "0.1% (not resolved below 1/" + nonMembers + ")" : "0.1%", "50.0%"));
        blocks.add(new Block.Table("Membership attacks", List.of("attack", "AUC", "TPR at 1% FPR", "TPR at 0.1% FPR", "best balanced accuracy"),
                rows));
        blocks.add(new Block.Chart("membership-roc.svg", "ROC on log-log axes: the further above the dashed diagonal at the left, the more "
                + "patients a confident attacker identifies.", RocSvg.render("Membership inference", nonMembers, curves)));
        blocks.add(new Block.Paragraph("What to do: train with differential privacy (DP-SGD), stop training before the model memorises, "
                + "and return labels or rounded scores rather than full probabilities."));
        blocks.addAll(Threat.MEMBERSHIP.references());

        double auc = strongest.roc().auc();
        double tpr1 = strongest.roc().tprAt(0.01);
        Section.Rating rating;
        if (tpr1 >= 0.10 || auc >= 0.75) {
            rating = Section.Rating.HIGH;
        } else if (tpr1 >= 0.03 || auc >= 0.60) {
            rating = Section.Rating.MEDIUM;
        } else {
            rating = Section.Rating.LOW;
        }
        String reason = String.format(Locale.ROOT, "At 1%% false positives the %s attack finds %s of the training patients (chance: 1%%); AUC %.3f.",
                strongest.name(), EvasionSection.percent(tpr1), auc);
        return new Section(Threat.MEMBERSHIP.id(), Threat.MEMBERSHIP.heading(), rating, reason, blocks);
    }

    private static void score(Classifier model, LabelledImages images, double[] scores, int offset) {
        for (int start = 0; start < images.size(); start += 256) {
            int end = Math.min(images.size(), start + 256);
            float[][] p = model.predict(java.util.Arrays.copyOfRange(images.images(), start, end));
            for (int i = start; i < end; i++) {
                scores[offset + i] = -Confidence.loss(p[i - start], images.labels()[i]);
            }
        }
    }
}
