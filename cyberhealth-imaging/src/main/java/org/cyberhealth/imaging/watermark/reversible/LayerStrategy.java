package org.cyberhealth.imaging.watermark.reversible;

/**
 * What distinguishes one sorted prediction-error-expansion scheme from another: how the samples of a
 * layer are ranked, how the expansion is chosen for a payload, and how the payload is shared between the
 * two layers. {@link TwoLayerPee} does the rest (prediction, location map, side information).
 */
interface LayerStrategy {

    /** One non-negative key per layer sample; smaller keys (smoother contexts) are used first. */
    int[] rankingKeys(RhombusWindow window, int[] layer);

    /** The rule that carries {@code pass.bitsToCarry()} bits with least distortion, or null if none does. */
    LayerRule plan(LayerPass pass);

    /** The rule written by {@link LayerRule#write} for a layer of {@code usable} candidate samples. */
    LayerRule read(BitReader in, int usable);

    /** How many of {@code payloadBits} the first (cross) layer carries. */
    int crossShare(RhombusWindow window, int payloadBits);
}
