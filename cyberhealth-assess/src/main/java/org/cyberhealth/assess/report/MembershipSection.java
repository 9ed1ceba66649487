package org.cyberhealth.assess.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.assess.LabelledImages;
import java.util.function.IntConsumer;
import org.cyberhealth.assess.membership.Confidence;
import org.cyberhealth.assess.membership.Lira;
import org.cyberhealth.assess.membership.LossThreshold;
import org.cyberhealth.assess.membership.MembershipExperiment;
import org.cyberhealth.assess.membership.ModelRecipe;
import org.cyberhealth.assess.membership.Roc;
import org.cyberhealth.core.report.Block;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.Classifier;

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

    static Section assess(Classifier model, LabelledImages members, LabelledImages nonMembers, int perGroup) {
        LabelledImages in = members.spread(perGroup);
        LabelledImages out = nonMembers.spread(perGroup);
        double[] scores = new double[in.size() + out.size()];
        boolean[] isMember = new boolean[scores.length];
        score(model, in, scores, 0);
        score(model, out, scores, in.size());
        for (int i = 0; i < in.size(); i++) {
            isMember[i] = true;
        }
        Roc roc = Roc.of(scores, isMember);
        String what = String.format(Locale.ROOT, "We asked the model about %d images of its training part and %d it never saw, and "
                + "guessed 'trained on' when its loss (how wrong it is on the true label) was low. If the guess is better than chance, the "
                + "model's answers reveal who was in the training data. The training part is the one declared with the data; if the model "
                + "was trained on other images, this part measures nothing.", in.size(), out.size());
        return section(what, List.of(new Attacked("loss threshold", roc)), out.size());
    }

    /**
     * LiRA's game on the model's recipe (Carlini et al. 2022): the target retrained on a random half of
     * {@code population}, {@code shadows} shadow models on other halves, every image scored by the loss
     * threshold and by LiRA online; the stronger attack decides the rating.
     */
    static Section replay(ModelRecipe recipe, String recipeName, Dataset population, int shadows, long seed, IntConsumer modelsTrained) {
        MembershipExperiment.Outcome outcome = MembershipExperiment.run(population, recipe, shadows, seed, modelsTrained);
        List<Attacked> attacks = List.of(new Attacked("loss threshold", outcome.roc(new LossThreshold())),
                new Attacked("LiRA online, " + shadows + " shadows", outcome.roc(Lira.online())));
        String what = String.format(Locale.ROOT, "We replayed the model's training recipe (%s) as Carlini et al. (2022) do: the model "
                + "retrained on a random half of %d images, %d shadow models on other random halves, so that for every image the attacker "
                + "knows how models behave with and without it (LiRA), next to the simple loss threshold. The retrained model scores %s "
                + "on its training half and %s on the other.", recipeName, population.size(), shadows,
                EvasionSection.percent(outcome.trainAccuracy()), EvasionSection.percent(outcome.testAccuracy()));
        return section(what, attacks, population.size() - outcome.memberCount());
    }

    private record Attacked(String name, Roc roc) {}

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
            strongest = a.roc().tprAt(0.01) > strongest.roc().tprAt(0.01) ? a : strongest;
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
