package org.cyberhealth.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.FixedPerVarTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.EngineThreads;
import org.cyberhealth.ml.data.SegmentationSlices;

/**
 * Trains a {@link SmallUNet} on slices with masks: Adam on shuffled mini-batches, mean pixel cross-entropy,
 * one thread and a fixed seed (initial weights and batch order). The network learns on normalised pixels
 * (the training pixels' mean and deviation), which the model's {@link InputSpec} then declares, so users and
 * attacks hand it pixels in [0, 1].
 */
public final class SegmenterTraining {

    static {
        EngineThreads.useOneUnlessSet();
    }

    private SegmenterTraining() {}

    /** A fitted network: its declared input (with the training pixels' normalisation), classes and DJL parameter bytes. */
    public record Fitted(String name, InputSpec input, List<String> classes, byte[] parameters) {

        public DjlSegmenter load() {
            return SegmenterFile.load(input, classes, parameters, name);
        }
    }

    /** A reference segmenter with the facts of its training, ready to be written or loaded. */
    public record Trained(Fitted fitted, String recipe, String data, int testSlices, SegmentationScores test) {

        public DjlSegmenter load() {
            return fitted.load();
        }

        /** Writes {@code descriptor} (JSON) and the weights beside it. */
        public void write(Path descriptor, boolean overwrite) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode training = json.createObjectNode();
            training.put("recipe", recipe);
            training.put("data", data);
            training.put("testSlices", testSlices);
            training.put("testMeanDice", test.meanDice());
            ObjectNode dice = training.putObject("testDice");
            List<String> classes = fitted.classes();
            for (int c = 1; c < classes.size(); c++) {
                dice.put(classes.get(c), test.dice()[c]);
            }
            training.put("command", "cyberhealth ml train --use-case " + fitted.name());
            SegmenterFile.write(descriptor, fitted.name(), fitted.input(), classes, training, fitted.parameters(), overwrite);
        }
    }

    /** Trains {@code reference}'s recipe on its data in {@code folder} and scores it on the test slices. */
    public static Trained run(ReferenceSegmenter reference, Path folder, int epochs, long seed, IntConsumer epochDone) {
        SegmentationSlices.Split split = reference.data(folder);
        Fitted fitted = fit(reference.id(), split.train(), reference.batchSize(), reference.learningRate(), epochs, seed, epochDone);
        SegmentationScores scores;
        try (DjlSegmenter segmenter = fitted.load()) {
            scores = SegmentationScores.of(segmenter.predictMasks(split.test().images()), split.test().masks(), split.test().classes().size());
        }
        return new Trained(fitted, reference.describe(epochs, seed),
                reference.describeData() + ", " + split.train().size() + " training slices", split.test().size(), scores);
    }

    /** Fits a {@link SmallUNet} on {@code train} (what a recipe with other data or settings needs). */
    public static Fitted fit(String name, SegmentationSlices train, int batchSize, double learningRate, int epochs, long seed,
                              IntConsumer epochDone) {
        PixelNormalisation pixels = PixelNormalisation.of(train);
        InputSpec input = pixels.input(train);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
        return new Fitted(name, input, train.classes(),
                train(train, pixels.mean(), pixels.deviation(), null, ids -> adam, batchSize, epochs, seed, epochDone));
    }

    /**
     * Continues training {@code start} on {@code train} with Adam and one learning rate per parameter tensor ({@code rates}, in the
     * order of the network's parameters, as DJL's parameter file holds them); the pixels are normalised as {@code start} declares, so
     * the result is a drop-in replacement. A rate of 0 leaves its tensor bit for bit as it was.
     */
    public static Fitted fineTune(Fitted start, SegmentationSlices train, double[] rates, int batchSize, int epochs, long seed) {
        double mean = start.input().mean()[0];
        double deviation = start.input().std()[0];
        return new Fitted(start.name(), start.input(), start.classes(), train(train, mean, deviation, start.parameters(), ids -> {
            if (ids.size() != rates.length) {
                throw new IllegalArgumentException(rates.length + " learning rates for " + ids.size() + " parameter tensors");
            }
            FixedPerVarTracker.Builder perTensor = FixedPerVarTracker.builder().setDefaultValue(0f);
            for (int k = 0; k < rates.length; k++) {
                perTensor.put(ids.get(k), (float) rates[k]);
            }
            return Optimizer.adam().optLearningRateTracker(perTensor.build()).build();
        }, batchSize, epochs, seed, e -> { }));
    }

    /**
     * The shared loop: a {@link SmallUNet} (fresh from the seed, or holding {@code startParameters}), Adam built for its parameter
     * ids by {@code optimizer}, shuffled mini-batches of {@code train} normalised by {@code mean} and {@code deviation}, pixel
     * cross-entropy.
     */
    private static byte[] train(SegmentationSlices train, double mean, double deviation, byte[] startParameters,
                                Function<List<String>, Optimizer> optimizer, int batchSize, int epochs, long seed, IntConsumer epochDone) {
        int n = train.size();
        int h = train.height();
        int w = train.width();
        float[] x = new float[n * h * w];
        float[] y = new float[n * h * w];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < h * w; q++) {
                x[i * h * w + q] = (float) ((train.images()[i][q] - mean) / deviation);
                y[i * h * w + q] = train.masks()[i][q];
            }
        }
        Engine.getInstance().setRandomSeed((int) seed);
        try (Model model = Model.newInstance(SmallUNet.NAME)) {
            Block block = SmallUNet.build(train.classes().size());
            model.setBlock(block);
            // Parameter ids exist before initialisation, so the optimiser can be keyed by them.
            List<String> ids = block.getParameters().values().stream().map(Parameter::getId).toList();
            DefaultTrainingConfig config = new DefaultTrainingConfig(new PixelCrossEntropy(train.classes().size()))
                    .optOptimizer(optimizer.apply(ids));
            try (Trainer trainer = model.newTrainer(config)) {
                NDManager manager = trainer.getManager();
                if (startParameters != null) {
                    // Initialised and loaded before the trainer initialises (which then keeps these arrays and attaches their
                    // gradients), in the model's manager as the trainer's own initialisation would, so they outlive the trainer.
                    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, h, w));
                    block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(startParameters)));
                }
                trainer.initialize(new Shape(1, 1, h, w));
                ArrayDataset data = new ArrayDataset.Builder().setData(manager.create(x, new Shape(n, 1, h, w)))
                        .optLabels(manager.create(y, new Shape(n, h, w))).setSampling(batchSize, true).build();
                for (int epoch = 0; epoch < epochs; epoch++) {
                    for (Batch batch : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                    epochDone.accept(epoch + 1);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException | TranslateException | MalformedModelException e) {
            throw new IllegalStateException("training a " + SmallUNet.NAME + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The mean and deviation of all training pixels, which networks trained on {@code train} normalise with and
     * their descriptors declare (the floor keeps a constant set from dividing by zero).
     */
    public record PixelNormalisation(double mean, double deviation) {

        public static PixelNormalisation of(SegmentationSlices train) {
            double count = (double) train.size() * train.height() * train.width();
            double sum = 0;
            double squares = 0;
            for (float[] image : train.images()) {
                for (float v : image) {
                    sum += v;
                    squares += (double) v * v;
                }
            }
            double mean = sum / count;
            return new PixelNormalisation(mean, Math.sqrt(Math.max(squares / count - mean * mean, 1e-12)));
        }

        /** The declared input of a one-channel network on these slices: pixels in [0, 1], this normalisation. */
        public InputSpec input(SegmentationSlices slices) {
            return new InputSpec(1, slices.height(), slices.width(), 0f, 1f, new float[] {(float) mean}, new float[] {(float) deviation});
        }
    }

    /** Mean pixel cross-entropy of logits (N, classes, H, W) against class labels (N, H, W). */
    private static final class PixelCrossEntropy extends Loss {

        private final int classes;

        PixelCrossEntropy(int classes) {
            super("PixelCrossEntropy");
            this.classes = classes;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray oneHot = labels.singletonOrThrow().toType(DataType.INT32, false).oneHot(classes).transpose(0, 3, 1, 2);
            return predictions.singletonOrThrow().logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
        }
    }
}
