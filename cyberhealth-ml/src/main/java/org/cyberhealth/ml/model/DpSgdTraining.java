package org.cyberhealth.ml.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.EngineThreads;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.Split;

/**
 * Trains a {@link ReferenceClassifier}'s layout with DP-SGD (Abadi et al., CCS 2016, Algorithm 1) instead of
 * {@link ClassifierTraining}'s ordinary loop: Poisson-sampled lots, per-image gradients clipped to C
 * ({@link PerSampleGradients}), Gaussian noise of standard deviation sigma C added to their sum, divided by the expected
 * lot size (so the noise does not depend on how many images a step happened to draw), then Adam's step.
 *
 * <p>Pixels are normalised with fixed, public constants (mean 0.5, deviation 0.25) rather than the training images'
 * statistics: a data-dependent normalisation would itself be an unaccounted release about the members. The noise comes
 * from a seeded {@link Random} so that runs repeat; a deployment that relies on the guarantee should draw it from a
 * cryptographic source (floating-point noise has its own subtleties, Mironov CCS 2012, which this does not address).
 */
public final class DpSgdTraining {

    static {
        EngineThreads.useOneUnlessSet();
    }

    /** The fixed normalisation (pixels in [0, 1]). */
    public static final float PUBLIC_MEAN = 0.5f;
    public static final float PUBLIC_DEVIATION = 0.25f;

    private DpSgdTraining() {}

    /** Trains on {@code split}'s training part and scores the test part, as {@link ClassifierTraining#run} does. */
    public static ClassifierTraining.Trained run(ReferenceClassifier reference, Split split, DpSgd settings, long seed, IntConsumer epochDone) {
        Dataset train = split.train();
        ClassifierTraining.Fitted fitted = fit(reference, train, settings, seed, epochDone);
        double accuracy;
        try (DjlClassifier classifier = fitted.load(reference, train.classes())) {
            accuracy = ClassifierTraining.accuracy(classifier, split.test());
        }
        String recipe = reference.architecture() + ", " + settings.describe() + ", " + settings.steps(train.size()) + " steps, seed " + seed
                + ", one thread";
        return new ClassifierTraining.Trained(reference, fitted.input(), train.classes(), fitted.parameters(), recipe,
                train.name() + ", " + train.size() + " images", split.test().size(), accuracy);
    }

    /** Fits {@code reference}'s layout on {@code train} with DP-SGD; {@code epochDone} hears each epoch's worth of steps. */
    public static ClassifierTraining.Fitted fit(ReferenceClassifier reference, Dataset train, DpSgd settings, long seed, IntConsumer epochDone) {
        int[] shape = train.shape();
        if (shape.length != 3 || shape[0] != 1) {
            throw new IllegalArgumentException(reference.id() + " takes single-channel images");
        }
        int n = train.size();
        int height = shape[1];
        int width = shape[2];
        int pixels = height * width;
        double q = settings.samplingRate(n);
        long steps = settings.steps(n);
        float[] x = new float[n * pixels];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double[] row = train.features()[i];
            for (int p = 0; p < pixels; p++) {
                x[i * pixels + p] = (float) ((row[p] - PUBLIC_MEAN) / PUBLIC_DEVIATION);
            }
            y[i] = (float) train.targets()[i];
        }
        InputSpec input = new InputSpec(1, height, width, 0f, 1f, new float[] {PUBLIC_MEAN}, new float[] {PUBLIC_DEVIATION});
        Engine.getInstance().setRandomSeed((int) seed);
        Random random = new Random(seed);
        double noise = settings.noiseMultiplier() * settings.clipNorm();
        try (Model model = Model.newInstance(reference.id())) {
            model.setBlock(Architectures.build(reference.architecture(), train.classes().size()));
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) settings.learningRate())).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(adam))) {
                trainer.initialize(new Shape(1, 1, height, width));
                NDManager manager = trainer.getManager();
                PerSampleGradients gradients = new PerSampleGradients(trainer);
                int reported = 0;
                for (long t = 0; t < steps; t++) {
                    int[] lot = poisson(n, q, random);
                    float[] sum;
                    if (lot.length == 0) {
                        sum = new float[gradients.size()];
                    } else {
                        float[] xs = new float[lot.length * pixels];
                        float[] ys = new float[lot.length];
                        for (int k = 0; k < lot.length; k++) {
                            System.arraycopy(x, lot[k] * pixels, xs, k * pixels, pixels);
                            ys[k] = y[lot[k]];
                        }
                        try (NDManager scope = manager.newSubManager()) {
                            NDArray images = scope.create(xs, new Shape(lot.length, 1, height, width));
                            NDArray labels = scope.create(ys, new Shape(lot.length));
                            sum = gradients.clippedSum(images, labels, settings.clipNorm(), null);
                        }
                    }
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] = (float) ((sum[k] + noise * random.nextGaussian()) / settings.expectedBatch());
                    }
                    gradients.write(sum);
                    trainer.step();
                    for (int epoch = (int) ((t + 1) * settings.epochs() / steps); reported < epoch; ) {
                        epochDone.accept(++reported);
                    }
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.getBlock().saveParameters(new DataOutputStream(bytes));
            return new ClassifierTraining.Fitted(input, bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("training " + reference.id() + " with DP-SGD failed: " + e.getMessage(), e);
        }
    }

    /** Each of {@code n} indices kept independently with probability {@code q}, in increasing order. */
    static int[] poisson(int n, double q, Random random) {
        int[] kept = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < q) {
                kept[count++] = i;
            }
        }
        return Arrays.copyOf(kept, count);
    }
}
