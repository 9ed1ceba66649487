package org.cyberhealth.assess.exfiltration;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.util.List;
import org.cyberhealth.ml.NativeScalars;
import org.cyberhealth.ml.model.SmallUNet;

/**
 * The network of the data stealing attack (Li, Ayache, Delingette, "Data Stealing Attack on Medical Images: Is it
 * Safe to Export Networks from Data Lakes?", DeCaF 2022; "Data Exfiltration by Compression Attack", MELBA 2025):
 * one shared encoder, two decoders. The segmenter is exactly the declared {@link SmallUNet} (the same block objects),
 * so what leaves the lake is an ordinary U-Net of the declared architecture; the compression branch reads the
 * U-Net's first level, the 8 full-size feature maps of its first two convolutions (which also feed the contracting
 * path and the outer skip connection), so training it teaches the shared encoder to carry the image as well as
 * the organs while the U-Net's decoder side stays the segmentation's alone. That is the paper's shared-encoder
 * design, and measured, not assumed: when the branch read the U-Net's last 8 feature maps, the very ones its 1x1
 * segmentation head reads, image and organs competed for 8 channels and the attacker's Dice fell to 0.874 against
 * the honest 0.918; with the same recipe, reading the first level gave 0.906 and 0.9 dB more PSNR, and reading the
 * bottleneck (32 x 16 x 16, after two max-poolings; stride-1 code encoder) 0.869 (docs/EXFILTRATION.md).
 *
 * <p>Compression branch: two stride-2 3x3 convolutions down to {@code latentChannels} x H/4 x W/4, scaled and
 * shifted so that the levels 0..levels-1 are in reach (the continuous latents, unbounded: a squashing sigmoid
 * here lets the rate push latents into its flat ends, where no gradient brings them back, and the codes collapse);
 * clipped to [0, levels - 1] and rounded, they are the codes (uniform scalar quantiser). The decoder (three 3x3
 * convolutions with two nearest-neighbour doublings, then one to a sigmoid in [0, 1]) is fed the codes, the
 * rounding passing the gradient straight through (Bengio et al. 2013), so it trains on the very codes it will
 * decode; the {@link EntropyBottleneck} (Ballé et al.'s factorised prior) sees the latents plus
 * uniform noise and gives their likelihoods, whose -log2 is the rate that training trades against the distortion.
 * That mix of rounding for the decoder and noise for the rate is the one Minnen and Singh (ICIP 2020) found better
 * than noise for both. The paper trains a hyperprior instead (see docs/EXFILTRATION.md).
 */
public final class StealingNetwork {

    private final Block segmenter;
    private final Block sharedEncoder;
    private final Block joint;
    private final Block codeEncoder;
    private final Block decoder;
    private final EntropyBottleneck entropyModel;
    private final int latentChannels;
    private final int levels;

    public StealingNetwork(int classes, int latentChannels, int levels) {
        if (latentChannels < 1 || levels < 2 || levels > 256) {
            throw new IllegalArgumentException("latent channels >= 1 and 2 to 256 levels");
        }
        this.latentChannels = latentChannels;
        this.levels = levels;
        segmenter = SmallUNet.build(classes);
        List<Block> parts = segmenter.getChildren().values();
        sharedEncoder = parts.get(0);
        SequentialBlock segmentationSide = new SequentialBlock();
        for (int k = 1; k < parts.size(); k++) {
            segmentationSide.add(parts.get(k));
        }
        codeEncoder = new SequentialBlock()
                .add(conv(16, 2)).add(Activation.reluBlock())
                .add(conv(latentChannels, 2))
                .add(new LambdaBlock(list -> new NDList(NativeScalars.times(list.singletonOrThrow(), (levels - 1) / 4f).add((levels - 1) / 2f)), "latents"));
        decoder = new SequentialBlock()
                .add(new LambdaBlock(list -> new NDList(NativeScalars.times(NativeScalars.over(list.singletonOrThrow(), levels - 1), 2).sub(1)), "centre"))
                .add(conv(16, 1)).add(Activation.reluBlock()).add(doubling())
                .add(conv(16, 1)).add(Activation.reluBlock()).add(doubling())
                .add(conv(8, 1)).add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(1).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                .add(Activation.sigmoidBlock());
        entropyModel = new EntropyBottleneck(latentChannels, levels);
        Block quantiser = new LambdaBlock(list -> {
            NDArray y = list.singletonOrThrow().clip(0, levels - 1);
            return new NDList(y.add(y.round().sub(y).stopGradient()));
        }, "quantiser");
        Block compression = new SequentialBlock().add(codeEncoder).add(new ParallelBlock(
                outputs -> new NDList(outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow()),
                List.of(new SequentialBlock().add(quantiser).add(decoder), entropyModel)));
        joint = new SequentialBlock().add(sharedEncoder).add(new ParallelBlock(
                outputs -> new NDList(outputs.get(0).singletonOrThrow(), outputs.get(1).get(0), outputs.get(1).get(1)),
                List.of(segmentationSide, compression)));
    }

    private static Block conv(int filters, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1)).build();
    }

    private static Block doubling() {
        return new LambdaBlock(list -> {
            NDArray x = list.singletonOrThrow();
            return new NDList(x.repeat(2, 2).repeat(3, 2));
        }, "doubling");
    }

    /**
     * Image in (normalised), (class logits, rebuilt image in [0, 1], likelihood of every latent under the entropy
     * model) out: what training fits.
     */
    public Block joint() {
        return joint;
    }

    /** The declared U-Net, sharing its weights with {@link #joint()}: what the attacker exports. */
    public Block segmenter() {
        return segmenter;
    }

    /** The shared encoder (the U-Net's first level): normalised image to the 8 full-size feature maps both decoders read. */
    public Block sharedEncoder() {
        return sharedEncoder;
    }

    /** The shared encoder's features to the continuous latents, whose clipping to [0, levels - 1] and rounding is the codes (runs inside the lake). */
    public Block codeEncoder() {
        return codeEncoder;
    }

    /** Codes to images (ships inside the export). */
    public Block decoder() {
        return decoder;
    }

    /** The per-channel probabilities of the levels under the trained entropy model (what the arithmetic coder uses). */
    public double[][] codeProbabilities(NDManager manager) {
        return entropyModel.probabilities(manager);
    }

    public int latentChannels() {
        return latentChannels;
    }

    public int levels() {
        return levels;
    }
}
