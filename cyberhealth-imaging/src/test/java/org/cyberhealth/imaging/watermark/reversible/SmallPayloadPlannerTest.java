package org.cyberhealth.imaging.watermark.reversible;

import static org.assertj.core.api.Assertions.assertThat;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;

/**
 * The one-pass planner of small payloads against the full search it replaces there, and round trips
 * where its estimate is weakest: samples at the range limits (clipped dark noise, as in Man).
 */
class SmallPayloadPlannerTest {

    /** Baboon darkened by 100 levels and clipped at 0: a fifth of its samples sit at the minimum. */
    /** Squared error plus two units a side-information bit, summed over the cross layers of every block, for the strategy's plan and the search. */
    private static double[] costs(Raster raster, int block, int bits) {
        MhmRanking strategy = new MhmRanking();
        double quick = 0;
        double searched = 0;
        for (int y = 0; y + block <= raster.height(); y += block) {
            for (int x = 0; x + block <= raster.width(); x += block) {
                RhombusWindow window = RhombusWindow.of(raster, Region.rectangle(raster, x, y, block, block));
                int[] ranked = StableOrder.itemsAscending(strategy.rankingKeys(window, window.cross), window.cross);
                LayerPass pass = new LayerPass(window, ranked, window.errors(ranked), ranked.length,
                        TestImages.randomBits(bits, 31L * x + y), 0, LayerSetup.BLOCK);
                // where no bin pair carries the payload, the strategy falls back on the search
                LayerRule fast = strategy.plan(pass);
                LayerRule full = strategy.search(pass);
                quick += measured(pass, fast);
                searched += measured(pass, full);
            }
        }
        return new double[] {quick, searched};
    }

    private static double measured(LayerPass pass, LayerRule rule) {
        LayerPass.Walk walk = pass.embed(rule, false);
        assertThat(walk.complete()).isTrue();
        return walk.distortion() + 2.0 * pass.sideInformation(rule, walk).length();
    }

    @Test
    void costsAboutWhatTheSearchCostsOnBlocks() {
        for (Object[] c : new Object[][] {
                {TestImages.classic("Airplane.png"), 64, 96}, {TestImages.classic("Baboon.png"), 64, 96},
                {TestImages.classic("Airplane.png"), 32, 60}, {TestImages.clippedBaboon(), 64, 96}}) {
            double[] costs = costs((Raster) c[0], (Integer) c[1], (Integer) c[2]);
            // measured: 0.987 to 0.995 of the search's cost
            assertThat(costs[0]).isLessThanOrEqualTo(1.01 * costs[1]);
        }
    }

    @Test
    void roundTripsBlocksWithSamplesAtTheLimits() {
        AdaptiveMhmScheme scheme = new AdaptiveMhmScheme();
        for (int block : new int[] {32, 64}) {
            for (int bits : new int[] {16, 100, 250}) {
                Raster original = TestImages.clippedBaboon();
                Raster marked = original.copy();
                int embedded = 0;
                for (int y = 0; y + block <= marked.height(); y += 2 * block) {
                    for (int x = 0; x + block <= marked.width(); x += 2 * block) {
                        Region region = Region.rectangle(marked, x, y, block, block);
                        // blocks mostly at the minimum hold little: only those with room, as a seal's blocks
                        // (capacity is not exact at its very edge for every payload, with either planner)
                        if (scheme.capacity(marked, region) < 2 * bits) {
                            continue;
                        }
                        embedded++;
                        Bits payload = TestImages.randomBits(bits, 7L * x + y + bits);
                        scheme.embed(marked, region, payload);
                        assertThat(scheme.extract(marked, region)).isEqualTo(payload);
                    }
                }
                assertThat(embedded).isGreaterThan(3);
                assertThat(marked.samples()).isEqualTo(original.samples());
            }
        }
    }
}
