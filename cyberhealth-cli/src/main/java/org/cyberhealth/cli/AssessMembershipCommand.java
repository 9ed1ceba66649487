package org.cyberhealth.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.membership.Lira;
import org.cyberhealth.assess.membership.LossThreshold;
import org.cyberhealth.assess.membership.MembershipAttack;
import org.cyberhealth.assess.membership.MembershipExperiment;
import org.cyberhealth.assess.membership.ReferenceRecipe;
import org.cyberhealth.assess.membership.Roc;
import org.cyberhealth.assess.membership.ShadowModelAttack;
import org.cyberhealth.assess.report.RocSvg;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.model.ReferenceClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cyberhealth assess membership}: membership inference in LiRA's game. The committed reference
 * model saw the whole training part, so no sample of the archive is a known non-member of the same
 * distribution that the shadows could also be drawn from; the command therefore retrains the target
 * from the model's recipe on a random half of a population (the archive's train and test parts) and
 * the shadows on other random halves, as Carlini et al. do.
 */
@Command(name = "membership", mixinStandardHelpOptions = true,
        description = {"Membership inference: can an attacker tell from a model's answers that",
            "an image was in its training set? Plays LiRA's game on a reference model's",
            "recipe: the target is retrained on a random half of a population (the",
            "archive's train and test parts), the other half are non-members, and",
            "--shadows shadow models are trained the same way on random halves (each",
            "image in half of them). Reports the target's train and test accuracy and",
            "the attack's ROC: AUC and TPR at 0.1%% and 1%% FPR.",
            "loss: threshold on the target's loss (Yeom et al. 2018).",
            "shadow: per-class attack model learnt on the shadows' outputs",
            "  (Shokri et al. 2017).",
            "lira: Gaussian likelihood ratio of phi = log(p/(1-p)) under IN and OUT",
            "  shadows; --offline uses OUT shadows only (Carlini et al. 2022).",
            "Exit codes: 0 done, 2 bad input (unknown model or attack, odd or too few",
            "shadows, missing or malformed file)."},
        footer = {"", "Example:", "  cyberhealth assess membership --model pneumonia-cnn --attack lira --shadows 16 --roc roc.svg",
            "  cyberhealth assess membership --model pneumonia-cnn --attack loss --samples 1000 --json",
            "  cyberhealth assess membership --model pneumonia-cnn --attack lira --offline --shadows 8 --samples 500"})
final class AssessMembershipCommand implements Callable<Integer> {

    /** Enough epochs for the recipe to fit its members (train accuracy near 100%), the precondition of a signal. */
    static final int DEFAULT_EPOCHS = 20;

    @Option(names = "--model", required = true, description = "The reference model whose recipe is attacked: pneumonia-cnn.")
    String model;

    @Option(names = "--data", description = "A MedMNIST .npz archive (default: the bundled samples/ml/ml/pneumoniamnist.npz).")
    Path data;

    @Option(names = "--attack", defaultValue = "lira", description = "loss, shadow or lira (default: ${DEFAULT-VALUE}).")
    String attack;

    @Option(names = "--shadows", defaultValue = "16", description = "Shadow models for shadow and lira, even, at least 4 (default: ${DEFAULT-VALUE}).")
    int shadows;

    @Option(names = "--offline", description = "LiRA offline: OUT shadows only.")
    boolean offline;

    @Option(names = "--samples", description = "Population size, evenly spaced through train and test (default: all, 2896 in the bundled archive).")
    Integer samples;

    @Option(names = "--epochs", defaultValue = "" + DEFAULT_EPOCHS, description = "Training epochs of target and shadows (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the halves and of every model's training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--roc", description = "Write the ROC curve on log-log axes to this SVG file.")
    Path roc;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        ReferenceClassifier reference = ReferenceClassifier.find(model);
        if (reference == null || !reference.replayable()) {
            // The shadows are retrained with the plain recipe; hardened or private recipes have their own (assess defence).
            throw new BadInputException("membership inference retrains the model from its recipe; known recipes: " + String.join(", ",
                    java.util.Arrays.stream(ReferenceClassifier.values()).filter(ReferenceClassifier::replayable)
                            .map(ReferenceClassifier::id).toList()) + " (got '" + model + "')");
        }
        MembershipAttack chosen = attack(attack, offline);
        int trained = chosen instanceof LossThreshold ? 0 : shadows;
        if (trained != 0 && (shadows < 4 || shadows > 1024 || shadows % 2 != 0)) {
            throw new BadInputException("--shadows must be even, 4 to 1024 (each image is in half of them), got " + shadows);
        }
        if (epochs < 1 || epochs > 1000) {
            throw new BadInputException("--epochs must be 1 to 1000");
        }
        if (samples != null && samples < 8) {
            throw new BadInputException("--samples must be at least 8");
        }
        Dataset population = population(data, reference, samples);
        ReferenceRecipe recipe = new ReferenceRecipe(reference, epochs);
        long started = System.nanoTime();
        MembershipExperiment.Outcome outcome = run(population, recipe, trained, seed, output);
        Roc curve = outcome.roc(chosen);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (roc != null) {
            AtomicOutput.write(roc, true, RocSvg.render(reference.id() + ", " + population.size() + " images, " + chosen.name(),
                    curve.nonMembers(), List.of(new RocSvg.Curve(legend(chosen.name(), curve), curve.fpr(), curve.tpr())))
                    .getBytes(StandardCharsets.UTF_8));
        }
        output.print(JsonOutput.object("model", reference.id(), "recipe", recipe.describe(), "data", data != null ? data.toString() : "bundled (the recipe's own)", "attack", chosen.name(),
                        "shadows", trained, "population", population.size(), "members", curve.members(), "seed", seed,
                        "trainAccuracy", outcome.trainAccuracy(), "testAccuracy", outcome.testAccuracy(), "auc", curve.auc(),
                        "tprAt0.1%FPR", curve.tprAt(0.001), "tprAt1%FPR", curve.tprAt(0.01), "balancedAccuracy", curve.bestBalancedAccuracy(),
                        "seconds", seconds),
                String.format(Locale.ROOT, "%s on %s (%s): %d images, %d members, %d shadow models", chosen.name(), reference.id(), recipe.describe(),
                        population.size(), curve.members(), trained),
                String.format(Locale.ROOT, "target accuracy   train %.2f%%, test %.2f%% (gap %.2f points)", 100 * outcome.trainAccuracy(),
                        100 * outcome.testAccuracy(), 100 * (outcome.trainAccuracy() - outcome.testAccuracy())),
                String.format(Locale.ROOT, "AUC               %.4f", curve.auc()),
                String.format(Locale.ROOT, "TPR at 0.1%% FPR   %.2f%%", 100 * curve.tprAt(0.001)),
                String.format(Locale.ROOT, "TPR at 1%% FPR     %.2f%%", 100 * curve.tprAt(0.01)),
                String.format(Locale.ROOT, "time              %.1f s", seconds));
        return 0;
    }

    static MembershipAttack attack(String id, boolean offline) {
        MembershipAttack chosen = switch (id.toLowerCase(Locale.ROOT)) {
            case "loss" -> new LossThreshold();
            case "shadow" -> new ShadowModelAttack();
            case "lira" -> offline ? Lira.offline() : Lira.online();
            default -> throw new BadInputException("unknown attack '" + id + "' (loss, shadow, lira)");
        };
        if (offline && !(chosen instanceof Lira)) {
            throw new BadInputException("--offline applies to lira only");
        }
        return chosen;
    }

    /** The archive's train and test parts, thinned to {@code samples} images when given. */
    /**
     * The recipe's own data (train and test parts together), or those of {@code archive} (a MedMNIST .npz) when
     * given, as the population the target and the shadows are drawn from.
     */
    static Dataset population(Path archive, ReferenceClassifier reference, Integer samples) {
        Split own = reference.data(MlCommand.bundledData());
        List<String> classes = own.train().classes();
        List<Dataset> parts = archive == null ? List.of(own.train(), own.test())
                : List.of(MedMnist.read(archive, "train", reference.id(), classes), MedMnist.read(archive, "test", reference.id(), classes));
        return MembershipExperiment.population(parts, samples == null ? Integer.MAX_VALUE : samples, reference.id());
    }

    /** Trains the target and the shadows with a progress bar counting models. */
    static MembershipExperiment.Outcome run(Dataset population, ReferenceRecipe recipe, int shadows, long seed, Output output) {
        try (ProgressBar bar = new ProgressBar(output.err(), "models", shadows + 1, !output.json())) {
            return MembershipExperiment.run(population, recipe, shadows, seed, done -> bar.step());
        }
    }

    static String legend(String name, Roc curve) {
        return String.format(Locale.ROOT, "%s: AUC %.3f, TPR %.1f%% at 0.1%%", name, curve.auc(), 100 * curve.tprAt(0.001));
    }
}
