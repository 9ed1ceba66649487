package org.cyberhealth.assess.provenance;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.cyberhealth.ml.model.TrainingHook;

/**
 * The radioactive-data experiment of Sablayrolles et al. (ICML 2020) on one dataset: a marking network trained on the
 * clean training part; for each marked fraction, a key-chosen share of the training images marked, then a network
 * trained on that set and tested for the carriers (white-box, alignment on the clean test images). Two ways of
 * training the suspect: from scratch (another seed), and re-training only the last layer of the marking network
 * (its features frozen: the transfer-learning case, where no alignment error is possible).
 */
public final class RadioactiveExperiment {

    /** One marked fraction: PSNR of the marked images, then per suspect its detection and test accuracy. */
    public record Row(double fraction, int marked, double meanPsnr, double minPsnr, RadioactiveDetection.Result scratch, double scratchAccuracy,
                      RadioactiveDetection.Result lastLayer, double lastLayerAccuracy) {}

    public record Settings(int markerEpochs, int suspectEpochs, RadioactiveMarking.Settings marking, long seed) {

        /** These settings with another marking strength. */
        public Settings withMarking(RadioactiveMarking.Settings other) {
            return new Settings(markerEpochs, suspectEpochs, other, seed);
        }
    }

    private RadioactiveExperiment() {}

    /** Rows for each fraction in {@code fractions}; a fraction of 0 trains on the clean set (the null case). */
    public static List<Row> run(ReferenceClassifier reference, Split split, double[] fractions, byte[] key, Settings settings,
                                Consumer<String> progress) {
        int classes = split.train().classes().size();
        int[] shape = split.train().shape();
        Shape input = new Shape(1, shape[0], shape[1], shape[2]);
        progress.accept("marking network");
        ClassifierTraining.Fitted markerFit = ClassifierTraining.fit(reference, split.train(), settings.markerEpochs(), settings.seed(), e -> {});
        NetworkWeights markerWeights = NetworkWeights.read(reference.architecture(), classes, input, markerFit.parameters());
        float[][] clean = new float[split.test().size()][];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = ClassifierTraining.toFloats(split.test().features()[i]);
        }
        List<Row> rows = new ArrayList<>();
        try (FeatureNetwork marker = FeatureNetwork.load(reference.architecture(), classes, markerFit.input(), markerFit.parameters())) {
            RadioactiveMarking marking = new RadioactiveMarking(marker, key, classes, settings.marking());
            for (double fraction : fractions) {
                progress.accept(String.format(java.util.Locale.ROOT, "%.0f%% marked", 100 * fraction));
                Dataset train = split.train();
                int count = 0;
                double mean = Double.NaN;
                double min = Double.NaN;
                if (fraction > 0) {
                    RadioactiveMarking.MarkedData data = marking.markFraction(train, fraction, done -> {});
                    train = data.data();
                    count = data.marked().length;
                    mean = data.meanPsnr();
                    min = data.minPsnr();
                }
                Suspect scratch = suspect(reference, train, split, TrainingHook.NONE, settings, marker, clean, key, input);
                Suspect last = suspect(reference, train, split, ModelAttacks.lastLayerRetraining(markerWeights), settings, marker, clean, key, input);
                rows.add(new Row(fraction, count, mean, min, scratch.detection(), scratch.accuracy(), last.detection(), last.accuracy()));
            }
        }
        return rows;
    }

    private record Suspect(RadioactiveDetection.Result detection, double accuracy) {}

    private static Suspect suspect(ReferenceClassifier reference, Dataset train, Split split, TrainingHook hook, Settings settings,
                                   FeatureNetwork marker, float[][] clean, byte[] key, Shape input) {
        int classes = split.train().classes().size();
        // Another seed than the marking network's: the suspect is somebody else's training run.
        ClassifierTraining.Fitted fitted = ClassifierTraining.fit(reference, train, settings.suspectEpochs(), settings.seed() + 4, hook, e -> {});
        NetworkWeights weights = NetworkWeights.read(reference.architecture(), classes, input, fitted.parameters());
        try (FeatureNetwork features = FeatureNetwork.load(reference.architecture(), classes, fitted.input(), fitted.parameters());
             DjlClassifier model = fitted.load(reference, split.train().classes())) {
            return new Suspect(RadioactiveDetection.detect(marker, features, weights.lastLayer(), clean, key),
                    ClassifierTraining.accuracy(model, split.test()));
        }
    }
}
