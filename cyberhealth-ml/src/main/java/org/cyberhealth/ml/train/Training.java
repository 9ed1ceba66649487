package org.cyberhealth.ml.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.EngineThreads;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.Split;

/**
 * Trains an HE-friendly network with DJL's PyTorch engine (offline: the native library comes from Maven
 * Central): Adam on mini-batches, softmax cross-entropy for classes, squared error on a standardised
 * target for regression. The engine's seed fixes the initial weights and the batch order.
 */
public final class Training {

    static {
        EngineThreads.useOneUnlessSet();
    }

    private Training() {}

    /** Trains on {@code split.train()} and scores on {@code split.test()}; {@code epochDone} hears each finished epoch. */
    public static TrainedNetwork run(Recipe recipe, Split split, IntConsumer epochDone) {
        Dataset train = split.train();
        Standardisation standardisation = Standardisation.fit(train, recipe.perFeature());
        double[] target = train.isClassification() ? new double[] {0, 1} : Standardisation.moments(train.targets());
        int outputs = train.isClassification() ? train.classes().size() : 1;
        List<LayerSpec> layers = new ArrayList<>(recipe.layers());
        layers.add(new LayerSpec.Dense(outputs));
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        SequentialBlock block = NetworkBlocks.of(layers);
        try (Model model = Model.newInstance(recipe.name())) {
            model.setBlock(block);
            Loss loss = train.isClassification() ? Loss.softmaxCrossEntropyLoss() : new HalfSquaredError();
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) recipe.learningRate()))
                    .optWeightDecays((float) recipe.weightDecay()).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(adam))) {
                NDManager manager = trainer.getManager();
                trainer.initialize(batchShape(1, train.shape()));
                NDArray x = tensor(manager, standardisation.apply(train.features()), train.shape());
                NDArray y = labels(manager, train, target);
                ArrayDataset data = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(recipe.batchSize(), true).build();
                for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
                    for (Batch batch : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                    epochDone.accept(epoch + 1);
                }
                Dataset test = split.test();
                NDArray out = trainer.evaluate(new NDList(tensor(manager, standardisation.apply(test.features()), test.shape()))).singletonOrThrow();
                double[][] predictions = rows(out, outputs, target);
                List<double[]> weights = new ArrayList<>();
                List<double[]> biases = new ArrayList<>();
                parameters(block, weights, biases, target);
                List<String> names = train.isClassification() ? train.classes() : List.of(train.name());
                return new TrainedNetwork(recipe, List.copyOf(layers), train.shape(), standardisation, weights, biases, names, train,
                        TrainedNetwork.score(predictions, test));
            }
        } catch (IOException | TranslateException e) {
            throw new IllegalStateException("training " + recipe.name() + " failed: " + e.getMessage(), e);
        }
    }

    private static Shape batchShape(int batch, int[] shape) {
        return shape.length == 3 ? new Shape(batch, shape[0], shape[1], shape[2]) : new Shape(batch, shape[shape.length - 1]);
    }

    private static NDArray tensor(NDManager manager, double[][] rows, int[] shape) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = (float) rows[i][j];
            }
        }
        return manager.create(flat, batchShape(rows.length, shape));
    }

    private static NDArray labels(NDManager manager, Dataset train, double[] target) {
        float[] y = new float[train.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) ((train.targets()[i] - target[0]) / target[1]);
        }
        return train.isClassification() ? manager.create(y) : manager.create(y, new Shape(y.length, 1));
    }

    /** The network's outputs in the target's own units (regression outputs are scaled back). */
    private static double[][] rows(NDArray out, int outputs, double[] target) {
        float[] flat = out.toFloatArray();
        double[][] rows = new double[flat.length / outputs][outputs];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < outputs; j++) {
                rows[i][j] = flat[i * outputs + j] * target[1] + target[0];
            }
        }
        return rows;
    }

    /** Reads each layer's weight and bias; the last layer gets the target's scale and mean folded in. */
    private static void parameters(SequentialBlock block, List<double[]> weights, List<double[]> biases, double[] target) {
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            Parameter weight = child.getParameters().get("weight");
            if (weight == null) {
                weights.add(null);
                biases.add(null);
                continue;
            }
            boolean last = i == children.size() - 1;
            double[] w = doubles(weight.getArray(), last ? target[1] : 1, 0);
            double[] b = doubles(child.getParameters().get("bias").getArray(), last ? target[1] : 1, last ? target[0] : 0);
            weights.add(w);
            biases.add(b);
        }
    }

    private static double[] doubles(NDArray array, double scale, double shift) {
        float[] values = array.toFloatArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * scale + shift;
        }
        return out;
    }
}
