package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * A scheme made of the two-layer prediction-error expansion engine ({@link TwoLayerPee}) and a layer
 * strategy that decides which samples carry bits and how: the schemes differ only in their strategy.
 */
abstract class TwoLayerScheme implements ReversibleScheme {

    private final String name;
    private final TwoLayerPee engine;

    TwoLayerScheme(String name, LayerStrategy strategy, boolean wholeImageSetups, boolean blockModes) {
        this.name = name;
        this.engine = new TwoLayerPee(strategy, wholeImageSetups, blockModes);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void embed(Raster raster, Region region, Bits payload) {
        engine.embed(raster, region, payload);
    }

    @Override
    public final Bits extract(Raster raster, Region region) {
        return engine.extract(raster, region);
    }

    @Override
    public final int capacity(Raster raster, Region region) {
        return engine.capacity(raster, region);
    }
}
