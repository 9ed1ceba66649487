package org.cyberhealth.imaging.watermark.reversible;

/**
 * Our reversible scheme: rhombus prediction in two layers as in Sachnev et al. (IEEE TCSVT 2009), with
 * <ul>
 *   <li>a finer local complexity from the 5x5 neighbourhood ({@link RingComplexity}) to rank samples,</li>
 *   <li>multiple-histogram modification (Li, Zhang, Gui, Yang, "Efficient reversible data hiding based
 *       on multiple histograms modification", IEEE TIP 24(12):5291-5302, 2015): up to 16 complexity
 *       classes, each with its own expansion per histogram side, chosen for the payload by
 *       {@link ExpansionOptimizer}, generalised so that a side may also use full expansion
 *       (Sachnev-style thresholds) when the payload is high;</li>
 *   <li>pairwise prediction-error expansion (Ou, Li, Zhao, Yu, Zhang, "Pairwise prediction-error
 *       expansion for efficient reversible data hiding", IEEE TIP 22(12):5010-5021, 2013) as a further
 *       per-class option, which the optimizer picks for the smoothest classes ({@link PairwiseExpansion});</li>
 *   <li>on whole images (regions of 2^16 or more cross samples), a {@link LayerSetup} per layer: the
 *       rhombus mean with a rounding offset, or local least-squares prediction (Dragoi, Coltuc,
 *       "Local-prediction-based difference expansion reversible watermarking", IEEE TIP 23(4):1779-1790,
 *       2014; {@link LocalPrediction}), and a guard that leaves samples predicted next to a range limit
 *       alone instead of listing them in the location map; chosen by planned cost, and where two
 *       predictions of the cross layer come close, by embedding both layers each way;</li>
 *   <li>adaptive pixel selection: only the smoothest part of each layer is used, its length chosen
 *       by measured distortion, and embedding stops as soon as the payload is in;</li>
 *   <li>overflow/underflow handled by a compressed location map over the real sample range.</li>
 * </ul>
 * Side information layout and region independence are those of {@link TwoLayerPee}; regions smaller
 * than a whole image (a crypto-watermark's blocks) are marked in one layer where it is smooth enough.
 * {@link #withTwoLayerBlocks} is the scheme as containers wrote it before that option: every block in
 * two layers. Whole images are marked alike by both.
 */
public final class AdaptiveMhmScheme extends TwoLayerScheme {

    public AdaptiveMhmScheme() {
        this("ours-mhm", true);
    }

    private AdaptiveMhmScheme(String name, boolean blockModes) {
        super(name, new MhmRanking(), true, blockModes);
    }

    /** The scheme that marks every block in two layers, to read containers marked with it. */
    public static AdaptiveMhmScheme withTwoLayerBlocks() {
        return new AdaptiveMhmScheme("ours-mhm-two-layer-blocks", false);
    }
}
