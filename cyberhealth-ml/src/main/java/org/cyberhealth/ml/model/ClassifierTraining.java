package org.cyberhealth.ml.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.EngineThreads;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.train.Standardisation;

/**
 * Trains a {@link ReferenceClassifier} with DJL's PyTorch engine: Adam on shuffled mini-batches,
 * softmax cross-entropy, one thread and the recipe's seed (initial weights and batch order). The network
 * learns on normalised pixels (mean and deviation of the training pixels); the normalisation is then
 * declared in the model's {@link InputSpec}, so users and attacks hand it pixels in [0, 1].
 */
public final class ClassifierTraining {

    static {
        EngineThreads.useOneUnlessSet();
    }

    private ClassifierTraining() {}

    /** A trained classifier as bytes and facts, ready to be written or loaded. */
    public record Trained(ReferenceClassifier reference, InputSpec input, List<String> classes, byte[] parameters,
                          String recipe, String data, int testSamples, double testAccuracy) {

        public DjlClassifier load() {
            return ClassifierFile.load(reference.architecture(), input, classes, parameters, reference.id());
        }

        /** Writes {@code descriptor} (JSON) and the weights beside it. */
        public void write(Path descriptor, boolean overwrite) {
            ObjectNode training = new ObjectMapper().createObjectNode();
            training.put("recipe", recipe);
            training.put("data", data);
            training.put("testSamples", testSamples);
            training.put("testAccuracy", testAccuracy);
            training.put("command", "cyberhealth ml train --use-case " + reference.id());
            ClassifierFile.write(descriptor, reference.id(), reference.architecture(), input, classes, training, parameters, overwrite);
        }
    }

    public static Trained run(ReferenceClassifier reference, Split split, int epochs, long seed, IntConsumer epochDone) {
        return run(reference, split, epochs, seed, BatchTransform.NONE, epochDone);
    }

    /** As {@link #run(ReferenceClassifier, Split, int, long, IntConsumer)}, each mini-batch replaced by {@code transform}'s images. */
    public static Trained run(ReferenceClassifier reference, Split split, int epochs, long seed, BatchTransform transform,
                              IntConsumer epochDone) {
        Dataset train = split.train();
        Fitted fitted = fit(reference, train, epochs, seed, transform, epochDone);
        Dataset test = split.test();
        double accuracy;
        try (DjlClassifier classifier = fitted.load(reference, train.classes())) {
            accuracy = accuracy(classifier, test);
        }
        String recipe = reference.describe(epochs, seed) + (transform == BatchTransform.NONE ? "" : ", trained on " + transform.describe());
        return new Trained(reference, fitted.input(), train.classes(), fitted.parameters(), recipe,
                train.name() + ", " + train.size() + " images", test.size(), accuracy);
    }

    /** The declared input (with the training images' normalisation) and DJL's parameter bytes of a fitted network. */
    public record Fitted(InputSpec input, byte[] parameters) {

        public DjlClassifier load(ReferenceClassifier reference, List<String> classes) {
            return ClassifierFile.load(reference.architecture(), input, classes, parameters, reference.id());
        }
    }

    /**
     * Fits {@code reference}'s layout on {@code train} with its recipe but {@code epochs} and {@code seed}
     * of the caller's choosing: what shadow models of a membership attack need (many fits on subsets).
     */
    public static Fitted fit(ReferenceClassifier reference, Dataset train, int epochs, long seed, IntConsumer epochDone) {
        return fit(reference, train, epochs, seed, BatchTransform.NONE, epochDone);
    }

    /** As {@link #fit(ReferenceClassifier, Dataset, int, long, IntConsumer)}, each mini-batch replaced by {@code transform}'s images. */
    public static Fitted fit(ReferenceClassifier reference, Dataset train, int epochs, long seed, BatchTransform transform,
                             IntConsumer epochDone) {
        return fit(reference, train, epochs, seed, transform, TrainingHook.NONE, epochDone);
    }

    /** As {@link #fit(ReferenceClassifier, Dataset, int, long, IntConsumer)}, with {@code hook}'s start and loss term. */
    public static Fitted fit(ReferenceClassifier reference, Dataset train, int epochs, long seed, TrainingHook hook, IntConsumer epochDone) {
        return fit(reference, train, epochs, seed, BatchTransform.NONE, hook, epochDone);
    }

    private static Fitted fit(ReferenceClassifier reference, Dataset train, int epochs, long seed, BatchTransform transform,
                              TrainingHook hook, IntConsumer epochDone) {
        int[] shape = train.shape();
        if (shape.length != 3 || shape[0] != 1) {
            throw new IllegalArgumentException(reference.id() + " takes single-channel images");
        }
        Standardisation pixels = Standardisation.fit(train, false);
        return fit(reference, shape[1], shape[2], pixels.mean()[0], pixels.scale()[0], flatten(pixels.apply(train.features())),
                toFloats(train.targets()), new Shape(train.size()), train.classes().size(), Loss.softmaxCrossEntropyLoss(), epochs, seed, transform,
                hook, epochDone);
    }

    /**
     * Fits {@code reference}'s layout on single-channel {@code height x width} images (pixels in [0, 1]) against
     * soft targets (one probability row per image, e.g. a victim model's answers): softmax cross-entropy with
     * the target distribution, the copy's loss in model extraction (Orekondy et al. 2019).
     */
    public static Fitted fitSoft(ReferenceClassifier reference, int height, int width, float[][] images, float[][] targets, int epochs,
                                 long seed, IntConsumer epochDone) {
        if (images.length == 0 || images.length != targets.length) {
            throw new IllegalArgumentException(images.length + " images but " + targets.length + " targets");
        }
        int classes = targets[0].length;
        double sum = 0;
        double squares = 0;
        float[] x = new float[images.length * height * width];
        float[] y = new float[images.length * classes];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != height * width || targets[i].length != classes) {
                throw new IllegalArgumentException("image " + i + " or its target has the wrong size");
            }
            System.arraycopy(images[i], 0, x, i * height * width, height * width);
            System.arraycopy(targets[i], 0, y, i * classes, classes);
        }
        for (float v : x) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / x.length;
        double deviation = Math.sqrt(Math.max(squares / x.length - mean * mean, 0));
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((x[i] - mean) / (deviation > 0 ? deviation : 1));
        }
        Loss soft = new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1, -1, false, true);
        return fit(reference, height, width, mean, deviation > 0 ? deviation : 1, x, y, new Shape(images.length, classes), classes, soft,
                epochs, seed, BatchTransform.NONE, TrainingHook.NONE, epochDone);
    }

    /** The shared loop: {@code x} already normalised with {@code mean} and {@code deviation}, which the returned input declares. */
    private static Fitted fit(ReferenceClassifier reference, int height, int width, double mean, double deviation, float[] x, float[] y,
                              Shape labelShape, int classes, Loss loss, int epochs, long seed, BatchTransform transform,
                              TrainingHook hook, IntConsumer epochDone) {
        InputSpec input = new InputSpec(1, height, width, 0f, 1f, new float[] {(float) mean}, new float[] {(float) deviation});
        Engine.getInstance().setRandomSeed((int) seed);
        try (Model model = Model.newInstance(reference.id())) {
            model.setBlock(Architectures.build(reference.architecture(), classes));
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) reference.learningRate())).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(adam))) {
                NDManager manager = trainer.getManager();
                trainer.initialize(new Shape(1, 1, height, width));
                hook.prepare(model.getBlock());
                int count = (int) labelShape.get(0);
                NDArray images = manager.create(x, new Shape(count, 1, height, width));
                NDArray labels = manager.create(y, labelShape);
                ArrayDataset data = new ArrayDataset.Builder().setData(images).optLabels(labels).setSampling(reference.batchSize(), true).build();
                DjlClassifier current = DjlClassifier.duringTraining(manager, model.getBlock(), input, classNames(classes));
                for (int epoch = 0; epoch < epochs; epoch++) {
                    for (Batch batch : trainer.iterateDataset(data)) {
                        Batch fed = transform == BatchTransform.NONE ? batch : transformed(batch, current, transform, model);
                        if (hook == TrainingHook.NONE) {
                            EasyTrain.trainBatch(trainer, fed);
                        } else {
                            trainHooked(trainer, fed, hook, model.getBlock());
                        }
                        trainer.step();
                        batch.close();
                    }
                    epochDone.accept(epoch + 1);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.getBlock().saveParameters(new DataOutputStream(bytes));
            return new Fitted(input, bytes.toByteArray());
        } catch (IOException | TranslateException e) {
            throw new IllegalStateException("training " + reference.id() + " failed: " + e.getMessage(), e);
        }
    }

    /** One step's gradients as EasyTrain computes them on one device, with the hook's penalty added to the loss. */
    private static void trainHooked(Trainer trainer, Batch batch, TrainingHook hook, ai.djl.nn.Block block) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(batch.getData(), batch.getLabels());
            NDArray loss = trainer.getLoss().evaluate(batch.getLabels(), predictions);
            NDArray penalty = hook.penalty(block, batch.getManager());
            collector.backward(penalty == null ? loss : loss.add(penalty));
        }
    }

    /**
     * {@code batch} with its (normalised) images replaced by {@code transform}'s, computed in the natural range: the
     * images are mapped back to pixels, transformed against the network as it stands, and normalised again. The
     * transform's input gradients also filled the weights' gradients; they are cleared so that the step that follows
     * sees only its own.
     */
    private static Batch transformed(Batch batch, DjlClassifier current, BatchTransform transform, Model model) {
        InputSpec input = current.input();
        double mean = input.mean()[0];
        double deviation = input.std()[0];
        int size = input.size();
        NDArray x = batch.getData().singletonOrThrow();
        float[] flat = x.toFloatArray();
        float[] targets = batch.getLabels().singletonOrThrow().toFloatArray();
        float[][] pixels = new float[batch.getSize()][size];
        int[] labels = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            for (int p = 0; p < size; p++) {
                pixels[i][p] = (float) (flat[i * size + p] * deviation + mean);
            }
            input.clip(pixels[i]);
            labels[i] = (int) targets[i];
        }
        float[][] replaced = transform.apply(current, pixels, labels);
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            NDArray weights = parameter.getValue().getArray();
            if (weights.hasGradient()) {
                try (NDArray gradient = weights.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
        for (int i = 0; i < replaced.length; i++) {
            for (int p = 0; p < size; p++) {
                flat[i * size + p] = (float) ((replaced[i][p] - mean) / deviation);
            }
        }
        NDArray images = batch.getManager().create(flat, x.getShape());
        return new Batch(batch.getManager(), new NDList(images), batch.getLabels(), batch.getSize(), Batchifier.STACK,
                Batchifier.STACK, batch.getProgress(), batch.getProgressTotal());
    }

    private static List<String> classNames(int classes) {
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        return names;
    }

    /** The share of {@code data}'s images that {@code classifier} labels right, in batches of 256. */
    public static double accuracy(Classifier classifier, Dataset data) {
        int right = 0;
        for (int start = 0; start < data.size(); start += 256) {
            int end = Math.min(data.size(), start + 256);
            float[][] batch = new float[end - start][];
            for (int i = start; i < end; i++) {
                batch[i - start] = toFloats(data.features()[i]);
            }
            int[] labels = classifier.predictLabels(batch);
            for (int i = start; i < end; i++) {
                right += labels[i - start] == (int) data.targets()[i] ? 1 : 0;
            }
        }
        return (double) right / data.size();
    }

    private static float[] flatten(double[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = (float) rows[i][j];
            }
        }
        return flat;
    }

    /** Doubles to floats (pixels and labels). */
    public static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
