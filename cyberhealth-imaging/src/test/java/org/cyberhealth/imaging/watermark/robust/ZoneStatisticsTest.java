package org.cyberhealth.imaging.watermark.robust;

import static org.assertj.core.api.Assertions.assertThat;

import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The statistics of whole zones of four units, which are gathered row by row on fast paths, equal those
 * that the general, pixel-by-pixel gathering computes (it takes over for samples beyond 2^24 levels).
 */
class ZoneStatisticsTest {

    @ParameterizedTest(name = "units of {0}x{0} pixels")
    @CsvSource({"2", "4"})
    void wholeZonesOfFourUnitsGatherAsEveryOtherZone(int unit) {
        // a smooth noisy picture in levels 1..255, its top eighth stuck at 255: zones there are clipped
        Raster picture = TestPictures.withSaturatedAreas(256, 1, 255, 5);
        Raster fast = Raster.wrap(256, 256, picture.samples(), 0, 255);
        Raster general = Raster.wrap(256, 256, picture.samples().clone(), -(1 << 24), 255);
        ZoneLayout layout = ZoneLayout.of(TestPictures.key(7), 256, 256, 64, unit, 2);

        GatheredZones expected = GatheredZones.of(ZoneStatistics.of(general, Region.whole(general), layout), layout);
        GatheredZones actual = GatheredZones.of(ZoneStatistics.of(fast, Region.whole(fast), layout), layout);

        assertThat(expected.clipped()).contains(true);
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    /** What the embedder and the reader read of every zone, copied out of the thread's workspace. */
    private record GatheredZones(boolean[] clipped, int[] lowest, int[] highest, double[] scoreTerms, double typicalNoise) {

        static GatheredZones of(ZoneStatistics zones, ZoneLayout layout) {
            int count = zones.zoneCount();
            boolean[] clipped = new boolean[count];
            int[] lowest = new int[count];
            int[] highest = new int[count];
            for (int zone = 0; zone < count; zone++) {
                clipped[zone] = zones.clipped(zone);
                lowest[zone] = zones.lowest(zone);
                highest[zone] = zones.highest(zone);
            }
            // each zone's difference, shift gain and natural noise (plus a small floor: a flat zone's is 0), unlimited
            double[] scoreTerms = new double[ZoneStatistics.SCORE_TERMS * count];
            zones.scoreTerms(layout, 0.01, 1, scoreTerms);
            return new GatheredZones(clipped, lowest, highest, scoreTerms, zones.typicalNoise());
        }
    }
}
