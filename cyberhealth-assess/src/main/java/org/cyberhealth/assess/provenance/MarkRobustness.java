package org.cyberhealth.assess.provenance;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.cyberhealth.ml.model.TrainingHook;

/**
 * The robustness experiment of both model marks: one network trained with the Uchida regulariser and the trigger set
 * mixed in, then each attack of {@link ModelAttacks} applied to it in turn; after each, both marks' p-values and the
 * test accuracy (the attack's cost to the thief). An unmarked twin (same recipe and seed, no marks) gives the
 * accuracy cost of marking and the p-values of a model without the marks.
 */
public final class MarkRobustness {

    /** One model after one attack. */
    public record Row(String attack, MarkCheck uchida, MarkCheck adi, double accuracy) {}

    /**
     * @param epochs      training epochs of the marked model and its twin
     * @param attackEpochs epochs of fine-tuning and of last-layer re-training
     * @param repeats     how many times the trigger set is repeated in the training set
     */
    public record Settings(int epochs, int attackEpochs, int repeats, long seed) {}

    private MarkRobustness() {}

    public static List<Row> run(ReferenceClassifier reference, Split split, byte[] uchidaKey, byte[] triggerKey, Settings settings,
                                Consumer<String> progress) {
        int classes = split.train().classes().size();
        int[] shape = split.train().shape();
        Shape input = new Shape(1, shape[0], shape[1], shape[2]);
        UchidaWatermark uchida = UchidaWatermark.withDefaults(uchidaKey);
        TriggerSet triggers = new TriggerSet(triggerKey, TriggerSet.DEFAULT_SIZE, shape[1], shape[2], classes);
        List<Row> rows = new ArrayList<>();
        progress.accept("unmarked twin");
        ClassifierTraining.Fitted twin = ClassifierTraining.fit(reference, split.train(), settings.epochs(), settings.seed(), e -> {});
        rows.add(row("unmarked twin (same recipe)", twin, NetworkWeights.read(reference.architecture(), classes, input, twin.parameters()),
                reference, split, uchida, triggers));
        progress.accept("marked model");
        ClassifierTraining.Fitted marked = ClassifierTraining.fit(reference, triggers.mixedInto(split.train(), settings.repeats()),
                settings.epochs(), settings.seed(), uchida.embedding(null), e -> {});
        NetworkWeights weights = NetworkWeights.read(reference.architecture(), classes, input, marked.parameters());
        rows.add(row("marked, no attack", marked, weights, reference, split, uchida, triggers));
        progress.accept("fine-tuning");
        rows.add(trained("fine-tuned " + settings.attackEpochs() + " epochs on clean data", ModelAttacks.fineTuning(weights), reference,
                split, settings, uchida, triggers, input));
        for (double fraction : new double[] {0.2, 0.4, 0.65}) {
            progress.accept("pruning " + fraction);
            NetworkWeights pruned = ModelAttacks.prune(weights, fraction);
            rows.add(row(String.format(java.util.Locale.ROOT, "pruned %.0f%% of each weight tensor", 100 * fraction),
                    new ClassifierTraining.Fitted(marked.input(), pruned.toBytes()), pruned, reference, split, uchida, triggers));
        }
        for (int bits : new int[] {8, 4}) {
            progress.accept("quantisation " + bits);
            NetworkWeights quantised = ModelAttacks.quantise(weights, bits);
            rows.add(row("weights quantised to " + bits + " bits", new ClassifierTraining.Fitted(marked.input(), quantised.toBytes()), quantised,
                    reference, split, uchida, triggers));
        }
        progress.accept("last-layer re-training");
        rows.add(trained("last layer re-trained from scratch, " + settings.attackEpochs() + " epochs", ModelAttacks.lastLayerRetraining(weights),
                reference, split, settings, uchida, triggers, input));
        return rows;
    }

    private static Row trained(String label, TrainingHook hook, ReferenceClassifier reference, Split split, Settings settings,
                               UchidaWatermark uchida, TriggerSet triggers, Shape input) {
        ClassifierTraining.Fitted fitted = ClassifierTraining.fit(reference, split.train(), settings.attackEpochs(), settings.seed() + 1, hook,
                e -> {});
        NetworkWeights after = NetworkWeights.read(reference.architecture(), split.train().classes().size(), input, fitted.parameters());
        return row(label, fitted, after, reference, split, uchida, triggers);
    }

    private static Row row(String label, ClassifierTraining.Fitted fitted, NetworkWeights weights, ReferenceClassifier reference, Split split,
                           UchidaWatermark uchida, TriggerSet triggers) {
        try (DjlClassifier model = fitted.load(reference, split.train().classes())) {
            return new Row(label, uchida.verify(weights), triggers.verify(model), ClassifierTraining.accuracy(model, split.test()));
        }
    }
}
