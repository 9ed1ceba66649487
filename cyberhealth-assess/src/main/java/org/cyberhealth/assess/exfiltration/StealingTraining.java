package org.cyberhealth.assess.exfiltration;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.cyberhealth.ml.EngineThreads;
import org.cyberhealth.ml.NativeScalars;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.SegmenterTraining;

/**
 * Trains a {@link StealingNetwork} inside the lake on the slices it is allowed to see: Adam on pixel cross-entropy
 * of the segmentation head + {@code reconstructionWeight} x the mean squared error of the rebuilt image +
 * {@code rateWeight} x the rate in bits per pixel under the learned entropy model (the rate-distortion loss of
 * Ballé et al. 2017, which Li et al. add to the task's loss). Then, still inside the lake, it turns every slice
 * into codes and reads the entropy model's tables, which the arithmetic coder needs on both sides. What leaves: the
 * U-Net (declared), the decoder, the tables and the coded codes (hidden by a channel). One thread, fixed seed, as
 * the project's other recipes.
 *
 * <p>Only the declared task's slices carry the segmentation loss; the others (the MR slices of the bench) are in
 * the lake to be stolen, so they train the compression branch alone. The attacker is judged on the declared task's
 * Dice, and measured, segmenting the MR slices too cost it: 0.895 on the held-out CT slices with them at full
 * weight, 0.903 at a quarter, 0.923 without them (docs/EXFILTRATION.md; the exported U-Net then segments no MR).
 */
public final class StealingTraining {

    static {
        EngineThreads.useOneUnlessSet();
    }

    private static final float CLIP = 0.1f;

    private StealingTraining() {}

    /** The settings of one run. */
    public record Recipe(int latentChannels, int levels, double reconstructionWeight, double rateWeight, int batchSize, double learningRate,
                         int epochs, long seed) {}

    /**
     * What the attacker holds after training: the declared segmenter's parameter file, the decoder's weights (in
     * its parameter order), the codes of each slice, the entropy model's tables, and the geometry the thief needs to
     * decode them.
     */
    public record Trained(DeclaredTask task, byte[] segmenterParameters, List<float[]> decoder, int[][] codes, int[][] heldOutCodes,
                          FrequencyTables tables, Codes geometry) {}

    /**
     * Trains on {@code train}, then encodes it (the stolen slices) and {@code heldOut} (slices it never saw). The first
     * {@code taskSlices} of {@code train} are the declared task's (segmentation and compression), the others are only
     * compressed.
     */
    public static Trained run(String name, SegmentationSlices train, int taskSlices, SegmentationSlices heldOut, Recipe recipe, IntConsumer epochDone) {
        int n = train.size();
        if (taskSlices < 1 || taskSlices > n) {
            throw new IllegalArgumentException(taskSlices + " task slices among " + n);
        }
        int h = train.height();
        int w = train.width();
        SegmenterTraining.PixelNormalisation pixels = SegmenterTraining.PixelNormalisation.of(train);
        double mean = pixels.mean();
        double deviation = pixels.deviation();
        InputSpec input = pixels.input(train);
        DeclaredTask task = new DeclaredTask(name, input, train.classes());
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        StealingNetwork network = new StealingNetwork(train.classes().size(), recipe.latentChannels(), recipe.levels());
        try (Model model = Model.newInstance(name)) {
            model.setBlock(network.joint());
            // Elementwise clipping: the rate's gradient spikes where the density is steep, and a spike in the shared
            // body or the decoder wrecks them (runs without it diverged after about 500 steps).
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) recipe.learningRate())).optClipGrad(CLIP).build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(new JointLoss(train.classes().size(), recipe.reconstructionWeight(), recipe.rateWeight()))
                    .optOptimizer(adam);
            try (Trainer trainer = model.newTrainer(config)) {
                NDManager manager = trainer.getManager();
                trainer.initialize(new Shape(1, 1, h, w));
                ArrayDataset data = new ArrayDataset.Builder().setData(manager.create(normalised(train.images(), mean, deviation), new Shape(n, 1, h, w)))
                        .optLabels(manager.create(masks(train), new Shape(n, h, w)), manager.create(flat(train.images()), new Shape(n, 1, h, w)),
                                manager.create(segmented(n, taskSlices), new Shape(n, 1, 1)))
                        .setSampling(recipe.batchSize(), true).build();
                for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
                    for (Batch batch : trainer.iterateDataset(data)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        batch.close();
                    }
                    epochDone.accept(epoch + 1);
                }
                Codes geometry = new Codes(recipe.latentChannels(), h / 4, w / 4, recipe.levels());
                int[][] codes = encode(network, manager, train.images(), mean, deviation, geometry);
                int[][] heldOutCodes = encode(network, manager, heldOut.images(), mean, deviation, geometry);
                FrequencyTables tables = FrequencyTables.of(network.codeProbabilities(manager));
                return new Trained(task, ExportedWeights.write(task, values(network.segmenter())), values(network.decoder()), codes, heldOutCodes,
                        tables, geometry);
            }
        } catch (IOException | TranslateException e) {
            throw new IllegalStateException("training " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static int[][] encode(StealingNetwork network, NDManager manager, float[][] images, double mean, double deviation, Codes geometry) {
        int h = (int) Math.sqrt(images[0].length);
        int[][] codes = new int[images.length][];
        ParameterStore store = new ParameterStore(manager, false);
        for (int i = 0; i < images.length; i++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(normalised(new float[][] {images[i]}, mean, deviation), new Shape(1, 1, h, images[i].length / h));
                NDList features = network.sharedEncoder().forward(store, new NDList(x), false);
                float[] symbols = network.codeEncoder().forward(store, features, false).singletonOrThrow().toFloatArray();
                codes[i] = new int[symbols.length];
                for (int q = 0; q < symbols.length; q++) {
                    codes[i][q] = Math.max(0, Math.min(geometry.levels() - 1, Math.round(symbols[q])));
                }
            }
        }
        if (codes.length > 0 && codes[0].length != geometry.symbols()) {
            throw new IllegalStateException("the encoder gave " + codes[0].length + " symbols, expected " + geometry.symbols());
        }
        return codes;
    }

    static List<float[]> values(ai.djl.nn.Block block) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    private static float[] normalised(float[][] images, double mean, double deviation) {
        float[] x = flat(images);
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) ((x[k] - mean) / deviation);
        }
        return x;
    }

    private static float[] flat(float[][] images) {
        int p = images[0].length;
        float[] x = new float[images.length * p];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, x, i * p, p);
        }
        return x;
    }

    /** 1 for each of the first {@code taskSlices} slices (their masks train the segmenter), 0 for the others. */
    private static float[] segmented(int n, int taskSlices) {
        float[] weights = new float[n];
        Arrays.fill(weights, 0, taskSlices, 1f);
        return weights;
    }

    private static float[] masks(SegmentationSlices slices) {
        float[] y = new float[slices.size() * slices.pixels()];
        for (int i = 0; i < slices.size(); i++) {
            for (int q = 0; q < slices.pixels(); q++) {
                y[i * slices.pixels() + q] = slices.masks()[i][q];
            }
        }
        return y;
    }

    /**
     * Pixel cross-entropy of the logits (times each slice's segmentation weight, 0 or 1, averaged over every pixel of
     * the batch, so a batch with fewer task slices weighs the task less, as measured) + {@code weight} x the mean
     * squared error of the rebuilt image + {@code rate} x the bits per pixel that the entropy model gives the (noisy)
     * latents.
     */
    private static final class JointLoss extends Loss {

        private final int classes;
        private final double weight;
        private final double rate;

        JointLoss(int classes, double weight, double rate) {
            super("JointLoss");
            this.classes = classes;
            this.weight = weight;
            this.rate = rate;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray oneHot = labels.get(0).toType(DataType.INT32, false).oneHot(classes).transpose(0, 3, 1, 2);
            NDArray crossEntropy = predictions.get(0).logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mul(labels.get(2)).mean();
            NDArray squared = predictions.get(1).sub(labels.get(1)).square().mean();
            NDArray bitsPerPixel = NativeScalars.over(predictions.get(2).log2().sum().neg(), labels.get(1).size());
            return crossEntropy.add(NativeScalars.times(squared, (float) weight)).add(NativeScalars.times(bitsPerPixel, (float) rate));
        }
    }
}
