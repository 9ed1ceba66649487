package org.cyberhealth.assess.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.membership.Confidence;
import org.cyberhealth.assess.membership.Roc;
import org.cyberhealth.core.report.Block;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.model.Classifier;

/**
 * The membership part of a report, on the model as delivered: the loss-threshold attack (Yeom et al.
 * 2018) separates the images the model was trained on (the data's training part, as declared by the user)
 * from images it never saw (the test part), from the model's answers only. Reported as LiRA argues
 * (Carlini et al. 2022): the ROC on log-log axes and the true-positive rate at a low false-positive rate,
 * where individual patients are exposed, not just the AUC. A stronger attack (LiRA with shadow models)
 * needs the training recipe: {@code assess membership} runs it on the reference models.
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
        double auc = roc.auc();
        double tpr1 = roc.tprAt(0.01);
        double tpr01 = roc.tprAt(0.001);

        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(String.format(Locale.ROOT, "We asked the model about %d images of its training part and %d it never "
                + "saw, and guessed 'trained on' when its loss (how wrong it is on the true label) was low. If the guess is better than "
                + "chance, the model's answers reveal who was in the training data. The training part is the one declared with the data; "
                + "if the model was trained on other images, this part measures nothing.", in.size(), out.size())));
        blocks.add(new Block.Table("Loss-threshold attack", List.of("measure", "value", "chance"), List.of(
                List.of("AUC", String.format(Locale.ROOT, "%.3f", auc), "0.500"),
                List.of("true positives at 1% false positives", EvasionSection.percent(tpr1), "1.0%"),
                List.of("true positives at 0.1% false positives", EvasionSection.percent(tpr01),
                        out.size() < 1000 ? "0.1% (not resolved below 1/" + out.size() + ")" : "0.1%"),
                List.of("best balanced accuracy", EvasionSection.percent(roc.bestBalancedAccuracy()), "50.0%"))));
        blocks.add(new Block.Chart("membership-roc.svg", "ROC on log-log axes: the further above the dashed diagonal at the left, the more "
                + "patients a confident attacker identifies.", RocSvg.render("Membership inference (loss threshold)", out.size(),
                List.of(new RocSvg.Curve(String.format(Locale.ROOT, "loss, AUC %.3f", auc), roc.fpr(), roc.tpr())))));
        blocks.add(new Block.Paragraph("What to do: train with differential privacy (DP-SGD), stop training before the model memorises, "
                + "and return labels or rounded scores rather than full probabilities."));
        blocks.addAll(Threat.MEMBERSHIP.references());

        Section.Rating rating;
        if (tpr1 >= 0.10 || auc >= 0.75) {
            rating = Section.Rating.HIGH;
        } else if (tpr1 >= 0.03 || auc >= 0.60) {
            rating = Section.Rating.MEDIUM;
        } else {
            rating = Section.Rating.LOW;
        }
        String reason = String.format(Locale.ROOT, "At 1%% false positives the attack finds %s of the training patients (chance: 1%%); AUC %.3f.",
                EvasionSection.percent(tpr1), auc);
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
