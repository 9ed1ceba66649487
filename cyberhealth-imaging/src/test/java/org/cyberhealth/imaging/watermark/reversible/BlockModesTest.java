package org.cyberhealth.imaging.watermark.reversible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;

/**
 * Ours marks a block in its dot layer alone where that layer is smooth enough, else in both layers,
 * and says which in the block: both restore exactly, and one layer leaves the cross layer as it was.
 */
class BlockModesTest {

    private static final AdaptiveMhmScheme OURS = new AdaptiveMhmScheme();

    /** How many cross samples (coordinates summing to an even number) and dot samples of the region changed. */
    private static int[] changedByLayer(Raster original, Raster marked, Region region) {
        int[] changed = new int[2];
        for (int y = region.y(); y < region.y() + region.height(); y++) {
            for (int x = region.x(); x < region.x() + region.width(); x++) {
                int i = y * original.width() + x;
                if (original.samples()[i] != marked.samples()[i]) {
                    changed[(x + y) & 1]++;
                }
            }
        }
        return changed;
    }

    /** Marks the region with a pseudo-random payload, checks extraction and exact restoration, and returns the samples changed by layer. */
    private static int[] roundTrip(Raster original, Region region, int bits, long seed) {
        Raster marked = original.copy();
        Bits payload = TestImages.randomBits(bits, seed);
        OURS.embed(marked, region, payload);
        int[] changed = changedByLayer(original, marked, region);
        assertThat(OURS.extract(marked, region)).isEqualTo(payload);
        assertThat(marked.samples()).isEqualTo(original.samples());
        return changed;
    }

    @Test
    void aSmoothBlockGoesIntoItsDotLayerAlone() {
        Raster airplane = TestImages.classic("Airplane.png");
        // sky at the right edge
        int[] changed = roundTrip(airplane, Region.rectangle(airplane, 448, 64, 64, 64), 110, 42);
        assertThat(changed[0]).isZero();
        assertThat(changed[1]).isGreaterThan(0);
    }

    @Test
    void aRoughBlockGoesIntoBothLayers() {
        Raster baboon = TestImages.classic("Baboon.png");
        int[] changed = roundTrip(baboon, Region.rectangle(baboon, 192, 192, 64, 64), 110, 42);
        assertThat(changed[0]).isGreaterThan(0);
        assertThat(changed[1]).isGreaterThan(0);
    }

    @Test
    void aBlockTwoLayersCannotHoldGoesIntoOneAfterAll() {
        // a 32x32 block of a picture clipped at 0, too rough to be put in one layer first; two layers
        // cannot hold these 16 bits (the dot layer's side information runs away: each sample reserved for
        // it pushes its carriers further into clipped ones), so the block falls back on one layer
        Raster clipped = TestImages.clippedBaboon();
        Region region = Region.rectangle(clipped, 448, 0, 32, 32);
        assertThatThrownBy(() -> AdaptiveMhmScheme.withTwoLayerBlocks().embed(clipped.copy(), region, TestImages.randomBits(16, 0)))
                .isInstanceOf(CapacityExceededException.class);
        int[] changed = roundTrip(clipped, region, 16, 0);
        assertThat(changed[0]).isZero();
        assertThat(changed[1]).isGreaterThan(0);
    }
}
