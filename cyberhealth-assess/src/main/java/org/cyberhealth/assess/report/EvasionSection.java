package org.cyberhealth.assess.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.IntConsumer;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.evasion.EvasionAttack;
import org.cyberhealth.assess.evasion.EvasionEvaluation;
import org.cyberhealth.assess.evasion.EvasionResult;
import org.cyberhealth.assess.evasion.Fgsm;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.assess.evasion.SquareAttack;
import org.cyberhealth.core.report.Block;
import org.cyberhealth.core.report.Section;
import org.cyberhealth.ml.model.QueryOnlyClassifier;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The evasion part of a report: accuracy under FGSM and PGD (L-inf, 20 steps), or the Square attack
 * for a model that answers queries only, at budgets of 1 to 8 grey levels out of 255, the curve, adversarial examples next to their originals, and a rating. The rating
 * follows what a change means to a reader: losing 20 accuracy points at 2/255, a change no radiologist
 * sees, is high risk; losing them only at 8/255, still faint, is medium.
 */
final class EvasionSection {

    static final double[] EPS = {1 / 255.0, 2 / 255.0, 4 / 255.0, 8 / 255.0};
    static final String[] EPS_LABELS = {"1/255", "2/255", "4/255", "8/255"};
    private static final int PGD_STEPS = 20;
    private static final int SQUARE_QUERIES = 1000;
    /** Square's first window share for 28 x 28 images (the paper's 0.05 is for ImageNet; docs/ASSESS.md). */
    private static final double SQUARE_P_INIT = 0.3;
    private static final double MEANINGFUL_DROP = 0.20;
    private static final int EXAMPLES = 4;
    private static final int BATCH = 64;

    private EvasionSection() {}

    /** One attack of the section: its name in the table and chart, and the attack at a given L-inf budget. */
    record Curve(String name, DoubleFunction<EvasionAttack> at, double costInPgdRuns) {}

    /** What a white-box attacker runs: FGSM, and PGD, the strongest (last: it decides the rating). */
    static List<Curve> whiteBox(long seed) {
        return List.of(new Curve("FGSM", eps -> new Fgsm(Norm.LINF, eps), 1.0 / PGD_STEPS),
                new Curve("PGD-" + PGD_STEPS, eps -> Pgd.of(Norm.LINF, eps, PGD_STEPS, 1, seed), 1));
    }

    /** What an attacker who may only query runs: the Square attack with a budget of queries per image. */
    static List<Curve> queriesOnly(long seed) {
        return List.of(new Curve("Square-" + SQUARE_QUERIES, eps -> new SquareAttack(eps, SQUARE_QUERIES, SQUARE_P_INIT, seed), 1));
    }

    /**
     * Attacks the images with every curve at every budget; the last curve is the strongest and decides the
     * rating and the example images.
     */
    static Section assess(WhiteBoxClassifier model, List<Curve> curves, List<SecurityAssessment.Defence> defences, LabelledImages test, Budget budget,
                          double share, IntConsumer imagesDone) {
        Curve strongest = curves.get(curves.size() - 1);
        LabelledImages probe = test.spread(Budget.PROBE);
        long started = System.nanoTime();
        EvasionEvaluation.run(model, strongest.at().apply(EPS[EPS.length - 1]), probe.images(), probe.labels(), BATCH, n -> {});
        double perImage = (System.nanoTime() - started) / 1e9 / probe.size();
        double cost = curves.stream().mapToDouble(Curve::costInPgdRuns).sum() * (1 + defences.size());
        LabelledImages images = test.spread(budget.images(perImage * EPS.length * cost, share, test.size()));

        double[][] accuracy = new double[curves.size()][EPS.length];
        double clean = 0;
        int done = 0;
        for (int e = 0; e < EPS.length; e++) {
            for (int c = 0; c < curves.size(); c++) {
                int before = done;
                boolean counted = c == curves.size() - 1;
                EvasionResult r = EvasionEvaluation.run(model, curves.get(c).at().apply(EPS[e]), images.images(), images.labels(), BATCH,
                        n -> {
                            if (counted) {
                                imagesDone.accept(before + n);
                            }
                        });
                accuracy[c][e] = r.robustAccuracy();
                clean = r.cleanAccuracy();
            }
            done += images.size();
        }
        double[] strong = accuracy[curves.size() - 1];
        // Every attack again against each defence: the curves "with and without each defence".
        double[][][] defended = new double[defences.size()][curves.size()][EPS.length];
        double[] defendedClean = new double[defences.size()];
        for (int d = 0; d < defences.size(); d++) {
            for (int e = 0; e < EPS.length; e++) {
                for (int c = 0; c < curves.size(); c++) {
                    int before = done;
                    boolean counted = c == curves.size() - 1;
                    EvasionResult r = EvasionEvaluation.run(defences.get(d).model(), curves.get(c).at().apply(EPS[e]), images.images(),
                            images.labels(), BATCH, n -> {
                                if (counted) {
                                    imagesDone.accept(before + n);
                                }
                            });
                    defended[d][c][e] = r.robustAccuracy();
                    defendedClean[d] = r.cleanAccuracy();
                }
                done += images.size();
            }
        }
        double[][] defendedStrong = new double[defences.size()][];
        for (int d = 0; d < defences.size(); d++) {
            defendedStrong[d] = defended[d][curves.size() - 1];
        }

        List<String> header = new ArrayList<>(List.of("budget (L-inf)"));
        List<AccuracyCurveSvg.Series> series = new ArrayList<>();
        for (int c = 0; c < curves.size(); c++) {
            header.add(curves.get(c).name());
            series.add(new AccuracyCurveSvg.Series(curves.get(c).name(), prepend(clean, accuracy[c])));
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> cleanRow = new ArrayList<>(List.of("0 (clean)"));
        for (int c = 0; c < curves.size(); c++) {
            cleanRow.add(percent(clean));
        }
        rows.add(cleanRow);
        for (int e = 0; e < EPS.length; e++) {
            List<String> row = new ArrayList<>(List.of(EPS_LABELS[e]));
            for (int c = 0; c < curves.size(); c++) {
                row.add(percent(accuracy[c][e]));
            }
            rows.add(row);
        }
        for (int d = 0; d < defences.size(); d++) {
            for (int c = 0; c < curves.size(); c++) {
                String name = curves.get(c).name() + ", " + defences.get(d).name();
                header.add(name);
                series.add(new AccuracyCurveSvg.Series(name, prepend(defendedClean[d], defended[d][c])));
                cleanRow.add(percent(defendedClean[d]));
                for (int e = 0; e < EPS.length; e++) {
                    rows.get(e + 1).add(percent(defended[d][c][e]));
                }
            }
        }
        String svg = AccuracyCurveSvg.render("Accuracy under attack (" + images.size() + " test images)", "L-inf budget (grey levels / 255)",
                prepend(0, EPS), prependLabel("0", EPS_LABELS), series);

        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(String.format(Locale.ROOT, "We changed each of %d test images by at most 1, 2, 4 or 8 grey levels "
                + "out of 255 per pixel, in the direction that most increases the model's error, with %s. A change of 2 grey levels is "
                + "invisible on a screen.", images.size(), String.join(" and ", curves.stream().map(Curve::name).toList())
                + (model instanceof QueryOnlyClassifier ? " (the attacker only sends images and reads the answers, " + SQUARE_QUERIES
                        + " queries per image at most; Andriushchenko et al. 2020)"
                        : " (white box: the attacker knows the weights; FGSM: Goodfellow et al. 2015, PGD: Madry et al. 2018)"))));
        blocks.add(new Block.Table("Accuracy under attack", header, rows));
        blocks.add(new Block.Chart("evasion-accuracy.svg", "Accuracy against the size of the change; the lower the curve, the easier to fool.", svg));
        LabelledImages examples = rightlyLabelled(model, images, EXAMPLES);
        if (examples.size() > 0) {
            double shownEps = EPS[2];
            float[][] adversarial = strongest.at().apply(shownEps).generate(model, examples.images(), examples.labels());
            int[] after = model.predictLabels(adversarial);
            StringBuilder caption = new StringBuilder("Left: test images the model labels right; middle: after " + strongest.name()
                    + " at 4/255; right: the change, stretched (mid-grey: none). Labels after the attack:");
            for (int i = 0; i < after.length; i++) {
                caption.append(i == 0 ? " " : ", ").append(model.classes().get(examples.labels()[i])).append(" -> ")
                        .append(model.classes().get(after[i]));
            }
            blocks.add(new Block.Picture("evasion-examples.png", caption + ".", AdversarialExamplesPng.render(model.input(), examples.images(),
                    adversarial, shownEps)));
        }
        if (!defences.isEmpty()) {
            blocks.add(new Block.Paragraph("Each defence is attacked adaptively, as an attacker who knows it would: through a preprocessing "
                    + "with BPDA (its backward pass taken as the identity, Athalye et al. 2018), an adversarially trained network with its own "
                    + "gradients. Its clean accuracy (budget 0) is the price paid for it."));
        }
        blocks.add(new Block.Paragraph("What to do: train with adversarial examples (adversarial training), check that inputs come from "
                + "trusted devices, and watch for inputs the model is unsure about."));
        blocks.addAll(Threat.EVASION.references());

        Section.Rating rating;
        String reason;
        if (strong[1] <= clean - MEANINGFUL_DROP) {
            rating = Section.Rating.HIGH;
            reason = String.format(Locale.ROOT, "Accuracy falls from %s to %s when each pixel changes by 2 grey levels out of 255.",
                    percent(clean), percent(strong[1]));
        } else if (strong[3] <= clean - MEANINGFUL_DROP) {
            rating = Section.Rating.MEDIUM;
            reason = String.format(Locale.ROOT, "Accuracy holds at 2/255 (%s) but falls from %s to %s at 8/255.", percent(strong[1]),
                    percent(clean), percent(strong[3]));
        } else {
            rating = Section.Rating.LOW;
            reason = String.format(Locale.ROOT, "Accuracy stays at %s or more up to 8/255 (clean: %s).", percent(strong[3]), percent(clean));
        }
        if (!defences.isEmpty()) {
            int best = 0;
            for (int d = 1; d < defences.size(); d++) {
                best = defendedStrong[d][1] > defendedStrong[best][1] ? d : best;
            }
            reason += String.format(Locale.ROOT, " With %s: %s clean, %s at 2/255, %s at 8/255 (adaptive attack).", defences.get(best).name(),
                    percent(defendedClean[best]), percent(defendedStrong[best][1]), percent(defendedStrong[best][3]));
        }
        return new Section(Threat.EVASION.id(), Threat.EVASION.heading(), rating, reason, blocks);
    }

    /** Work units the progress bar counts: every image once per budget, undefended and under each defence. */
    static int work(int images, int defences) {
        return images * EPS.length * (1 + defences);
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
