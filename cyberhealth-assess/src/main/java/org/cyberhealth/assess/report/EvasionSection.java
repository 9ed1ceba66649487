package org.cyberhealth.assess.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.evasion.EvasionAttack;
import org.cyberhealth.assess.evasion.EvasionEvaluation;
import org.cyberhealth.assess.evasion.EvasionResult;
import org.cyberhealth.assess.evasion.Fgsm;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.core.report.Block;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The evasion part of a report: accuracy under FGSM and PGD (L-inf, 20 steps) at budgets of 1 to 8 grey
 * levels out of 255, the curve, adversarial examples next to their originals, and a rating. The rating
 * follows what a change means to a reader: losing 20 accuracy points at 2/255, a change no radiologist
 * sees, is high risk; losing them only at 8/255, still faint, is medium.
 */
final class EvasionSection {

    static final double[] EPS = {1 / 255.0, 2 / 255.0, 4 / 255.0, 8 / 255.0};
    static final String[] EPS_LABELS = {"1/255", "2/255", "4/255", "8/255"};
    private static final int PGD_STEPS = 20;
    private static final double MEANINGFUL_DROP = 0.20;
    private static final int EXAMPLES = 4;
    private static final int BATCH = 64;

    private EvasionSection() {}

    static Section assess(WhiteBoxClassifier model, LabelledImages test, Budget budget, double share, long seed, IntConsumer imagesDone) {
        LabelledImages probe = test.spread(Budget.PROBE);
        long started = System.nanoTime();
        EvasionEvaluation.run(model, pgd(EPS[EPS.length - 1], seed), probe.images(), probe.labels(), BATCH, n -> {});
        double perImage = (System.nanoTime() - started) / 1e9 / probe.size();
        // Each image meets PGD and FGSM (about one PGD step) at every budget.
        LabelledImages images = test.spread(budget.images(perImage * EPS.length * (1 + 1.0 / PGD_STEPS), share, test.size()));

        double[] fgsm = new double[EPS.length];
        double[] pgd = new double[EPS.length];
        double clean = 0;
        int[] done = {0};
        for (int e = 0; e < EPS.length; e++) {
            EvasionResult fast = EvasionEvaluation.run(model, new Fgsm(Norm.LINF, EPS[e]), images.images(), images.labels(), BATCH, n -> {});
            int before = done[0];
            EvasionResult strong = EvasionEvaluation.run(model, pgd(EPS[e], seed), images.images(), images.labels(), BATCH,
                    n -> imagesDone.accept(before + n));
            done[0] += images.size();
            fgsm[e] = fast.robustAccuracy();
            pgd[e] = strong.robustAccuracy();
            clean = strong.cleanAccuracy();
        }

        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("0 (clean)", percent(clean), percent(clean)));
        for (int e = 0; e < EPS.length; e++) {
            rows.add(List.of(EPS_LABELS[e], percent(fgsm[e]), percent(pgd[e])));
        }
        double[] withClean = prepend(0, EPS);
        String[] labels = prependLabel("0", EPS_LABELS);
        String svg = AccuracyCurveSvg.render("Accuracy under attack (" + images.size() + " test images)", "L-inf budget (grey levels / 255)",
                withClean, labels, List.of(new AccuracyCurveSvg.Series("FGSM", prepend(clean, fgsm)),
                        new AccuracyCurveSvg.Series("PGD-" + PGD_STEPS, prepend(clean, pgd))));

        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(String.format(Locale.ROOT, "We changed each of %d test images by at most 1, 2, 4 or 8 grey levels "
                + "out of 255 per pixel, in the direction that most increases the model's error (white box: the attacker knows the "
                + "weights), with FGSM (one step, Goodfellow et al. 2015) and PGD (%d steps, Madry et al. 2018). A change of 2 grey levels "
                + "is invisible on a screen.", images.size(), PGD_STEPS)));
        blocks.add(new Block.Table("Accuracy under attack", List.of("budget (L-inf)", "FGSM", "PGD-" + PGD_STEPS), rows));
        blocks.add(new Block.Chart("evasion-accuracy.svg", "Accuracy against the size of the change; the lower the curve, the easier to fool.", svg));
        LabelledImages examples = rightlyLabelled(model, images, EXAMPLES);
        if (examples.size() > 0) {
            double shownEps = EPS[2];
            float[][] adversarial = pgd(shownEps, seed).generate(model, examples.images(), examples.labels());
            int[] after = model.predictLabels(adversarial);
            StringBuilder caption = new StringBuilder("Left: test images the model labels right; middle: after PGD at 4/255; right: the change, "
                    + "stretched (mid-grey: none). Labels after the attack:");
            for (int i = 0; i < after.length; i++) {
                caption.append(i == 0 ? " " : ", ").append(model.classes().get(examples.labels()[i])).append(" -> ")
                        .append(model.classes().get(after[i]));
            }
            blocks.add(new Block.Picture("evasion-examples.png", caption + ".", AdversarialExamplesPng.render(model.input(), examples.images(),
                    adversarial, shownEps)));
        }
        blocks.add(new Block.Paragraph("What to do: train with adversarial examples (adversarial training), check that inputs come from "
                + "trusted devices, and watch for inputs the model is unsure about."));
        blocks.addAll(Threat.EVASION.references());

        Section.Rating rating;
        String reason;
        if (pgd[1] <= clean - MEANINGFUL_DROP) {
            rating = Section.Rating.HIGH;
            reason = String.format(Locale.ROOT, "Accuracy falls from %s to %s when each pixel changes by 2 grey levels out of 255.",
                    percent(clean), percent(pgd[1]));
        } else if (pgd[3] <= clean - MEANINGFUL_DROP) {
            rating = Section.Rating.MEDIUM;
            reason = String.format(Locale.ROOT, "Accuracy holds at 2/255 (%s) but falls from %s to %s at 8/255.", percent(pgd[1]),
                    percent(clean), percent(pgd[3]));
        } else {
            rating = Section.Rating.LOW;
            reason = String.format(Locale.ROOT, "Accuracy stays at %s or more up to 8/255 (clean: %s).", percent(pgd[3]), percent(clean));
        }
        return new Section(Threat.EVASION.id(), Threat.EVASION.heading(), rating, reason, blocks);
    }

    /** Work units the progress bar counts: every image once per budget. */
    static int work(int images) {
        return images * EPS.length;
    }

    private static EvasionAttack pgd(double eps, long seed) {
        return Pgd.of(Norm.LINF, eps, PGD_STEPS, 1, seed);
    }

    /** Up to {@code count} images the model labels right, spread through the set (so both classes show). */
    private static LabelledImages rightlyLabelled(WhiteBoxClassifier model, LabelledImages images, int count) {
        int[] predicted = model.predictLabels(images.images());
        List<Integer> chosen = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            for (int i = k * images.size() / count; i < images.size(); i++) {
                if (predicted[i] == images.labels()[i] && !chosen.contains(i)) {
                    chosen.add(i);
                    break;
                }
            }
        }
        float[][] x = new float[chosen.size()][];
        int[] y = new int[chosen.size()];
        for (int k = 0; k < chosen.size(); k++) {
            x[k] = images.images()[chosen.get(k)];
            y[k] = images.labels()[chosen.get(k)];
        }
        return new LabelledImages(x, y);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static double[] prepend(double first, double[] rest) {
        double[] out = new double[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static String[] prependLabel(String first, String[] rest) {
        String[] out = Arrays.copyOf(new String[] {first}, rest.length + 1);
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
