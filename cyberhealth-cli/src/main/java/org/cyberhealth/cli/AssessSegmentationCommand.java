package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.evasion.segmentation.Goal;
import org.cyberhealth.assess.evasion.segmentation.SegmentationEvaluation;
import org.cyberhealth.assess.evasion.segmentation.SegmentationPgd;
import org.cyberhealth.assess.evasion.segmentation.SegmentationResult;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.DjlSegmenter;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import org.cyberhealth.ml.model.SegmenterFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth assess segmentation}: white-box PGD on a segmentation model's held-out slices. */
@Command(name = "segmentation", mixinStandardHelpOptions = true,
        description = {"White-box evasion of a segmentation model: L-inf PGD on the pixel loss of each held-out slice",
            "(pixels in [0, 1]); reports the Dice per organ of the clean and the attacked masks against the truth.",
            "untargeted: raise the pixel loss against the true mask (Madry et al. 2018).",
            "erase: turn the organ's pixels into background; inject: turn a disc at the image centre into the organ",
            "(dense target mask, Xie et al. 2017; adaptive mask, Ozbulak et al. 2019); also reports the share of",
            "target pixels predicted as intended and the organ's predicted pixels before and after.",
            "Exit codes: 0 done, 2 bad input (unknown attack or organ, eps < 0, bad steps or samples, missing file)."},
        footer = {"", "Example:", "  cyberhealth assess segmentation --model abdomen-unet --attack untargeted --eps 4/255",
            "  cyberhealth assess segmentation --model abdomen-unet --attack erase --organ liver --eps 16/255 --steps 20 --json",
            "  cyberhealth assess segmentation --model models/abdomen-unet.json --attack inject --organ spleen --samples 3"})
final class AssessSegmentationCommand implements Callable<Integer> {

    @Option(names = "--model", required = true,
            description = "A reference segmenter's name (abdomen-unet: models/<name>.json) or a segmenter descriptor (.json, weights beside it).")
    String model;

    @Option(names = "--data", description = "Folder with TotalSegmentator's example files (default: the bundled samples/segmentation).")
    Path data;

    @Option(names = "--attack", defaultValue = "untargeted", description = "untargeted, erase or inject (default: ${DEFAULT-VALUE}).")
    String attack;

    @Option(names = "--organ", defaultValue = "liver", description = "The class to erase or inject (default: ${DEFAULT-VALUE}).")
    String organ;

    @Option(names = "--eps", defaultValue = "4/255", description = "L-inf budget in pixel units, a number or a fraction (default: ${DEFAULT-VALUE}).")
    String eps;

    @Option(names = "--steps", defaultValue = "20", description = "PGD iterations (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--samples", description = "Attack only N held-out slices, evenly spaced (default: all).")
    Integer samples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of PGD's random start (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        double budget = AssessCommand.parseEps(eps);
        if (steps < 1 || steps > 10_000) {
            throw new BadInputException("--steps must be 1 to 10000");
        }
        if (samples != null && samples < 1) {
            throw new BadInputException("--samples must be at least 1");
        }
        Goal goal;
        try {
            goal = Goal.byId(attack);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        Path descriptor = AssessCommand.modelFile(model);
        SegmenterFile file = SegmenterFile.read(descriptor);
        int organClass = file.classes().indexOf(organ);
        if (goal.targeted() && organClass < 1) {
            throw new BadInputException("unknown organ '" + organ + "' (" + String.join(", ", file.classes().subList(1, file.classes().size())) + ")");
        }
        SegmentationSlices test = testSlices(data, samples);
        SegmentationPgd pgd = new SegmentationPgd(goal, Math.max(organClass, 1), budget, steps, seed);
        SegmentationResult r;
        try (DjlSegmenter segmenter = file.open();
             ProgressBar bar = new ProgressBar(output.err(), goal.id(), test.size(), !output.json())) {
            r = run(segmenter, pgd, test, bar);
        }
        Map<String, Object> dice = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s on %d held-out slices of %s", r.attack(), r.samples(), test.name()));
        lines.add("class        clean Dice  attacked Dice");
        for (int c = 1; c < file.classes().size(); c++) {
            dice.put(file.classes().get(c), Map.of("clean", r.clean().dice()[c], "attacked", r.attacked().dice()[c]));
            lines.add(String.format(Locale.ROOT, "%-12s %10.3f %14.3f", file.classes().get(c), r.clean().dice()[c], r.attacked().dice()[c]));
        }
        lines.add(String.format(Locale.ROOT, "%-12s %10.3f %14.3f", "mean", r.clean().meanDice(), r.attacked().meanDice()));
        if (goal.targeted()) {
            lines.add(String.format(Locale.ROOT, "target pixels %d: %.1f%% as intended before, %.1f%% after", r.targetPixels(),
                    100 * r.cleanTargetSuccess(), 100 * r.targetSuccess()));
            lines.add(String.format(Locale.ROOT, "pixels predicted as %s: %d before, %d after", organ, r.organPixelsBefore(), r.organPixelsAfter()));
        }
        lines.add(String.format(Locale.ROOT, "max L-inf %.4f, time %.1f s", r.maxLinf(), r.seconds()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", descriptor.toString());
        json.put("attack", goal.id());
        json.put("organ", goal.targeted() ? organ : null);
        json.put("eps", budget);
        json.put("steps", steps);
        json.put("samples", r.samples());
        json.put("cleanMeanDice", r.clean().meanDice());
        json.put("attackedMeanDice", r.attacked().meanDice());
        json.put("cleanMeanIou", r.clean().meanIou());
        json.put("attackedMeanIou", r.attacked().meanIou());
        json.put("dice", dice);
        if (goal.targeted()) {
            json.put("targetPixels", r.targetPixels());
            json.put("cleanTargetSuccess", r.cleanTargetSuccess());
            json.put("targetSuccess", r.targetSuccess());
            json.put("organPixelsBefore", r.organPixelsBefore());
            json.put("organPixelsAfter", r.organPixelsAfter());
        }
        json.put("maxLinf", r.maxLinf());
        json.put("seconds", r.seconds());
        output.print(json, lines.toArray(String[]::new));
        return 0;
    }

    /** The reference recipe's held-out slices; {@code limit} keeps that many, evenly spaced. */
    static SegmentationSlices testSlices(Path data, Integer limit) {
        Path folder = data != null ? data : ProjectHome.path().resolve("samples").resolve("segmentation");
        SegmentationSlices test = ReferenceSegmenter.ABDOMEN_UNET.data(folder).test();
        if (limit == null || limit >= test.size()) {
            return test;
        }
        List<Integer> chosen = new ArrayList<>();
        for (int k = 0; k < limit; k++) {
            chosen.add((int) ((long) k * test.size() / limit));
        }
        return test.select(chosen, test.name());
    }

    static SegmentationResult run(DjlSegmenter segmenter, SegmentationPgd pgd, SegmentationSlices test, ProgressBar bar) {
        int[] shown = {0};
        return SegmentationEvaluation.run(segmenter, pgd, test, 2, done -> {
            for (; shown[0] < done; shown[0]++) {
                bar.step();
            }
        });
    }
}
