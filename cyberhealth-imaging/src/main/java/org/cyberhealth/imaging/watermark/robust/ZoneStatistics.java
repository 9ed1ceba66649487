package org.cyberhealth.imaging.watermark.robust;

import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * What one zone says about its bit: the difference of its subsets' means, how noisy that difference
 * naturally is (from the zone's texture and, for zones of 2x2 units, its gradients), whether it was
 * clipped by a window, and the extremes of the samples that may change.
 */
final class ZoneStatistics {

    /**
     * A zone's score is its difference in units of its natural noise, limited to this many units either
     * way, so that one edge or one badly clipped zone cannot outvote the others of its bit.
     */
    static final double SCORE_LIMIT = 3;

    /** The standard deviation of a subset-mean difference, per unit of mean absolute deviation, times sqrt(n). */
    private static final double NOISE_PER_TEXTURE = 2.5;

    /**
     * Weight of the zone's structure (its two gradient differences, which the mark leaves alone) in its
     * natural noise: an edge in a zone makes its diagonal difference large too.
     */
    private static final double STRUCTURE_WEIGHT = 0.5;

    final int zone;
    private final int rangeMin;
    private final int rangeMax;
    private long sumA;
    private long sumB;
    private int countA;
    private int countB;
    private int changeableA;
    private int changeableB;
    private int lowest = Integer.MAX_VALUE;
    private int highest = Integer.MIN_VALUE;
    private int samplesAtAnEnd;
    private double texture;
    private double structure;

    private ZoneStatistics(int zone, Raster raster) {
        this.zone = zone;
        this.rangeMin = raster.minValue();
        this.rangeMax = raster.maxValue();
    }

    static ZoneStatistics of(Raster raster, Region region, ZoneLayout layout, int zone) {
        ZoneStatistics s = new ZoneStatistics(zone, raster);
        int units = layout.unitsPerZone();
        long[] unitSums = new long[units];
        int[] unitCounts = new int[units];
        layout.forEachPixel(zone, (x, y, unit) -> {
            int value = raster.get(x, y);
            boolean changeable = region.mayChange(x, y);
            if (layout.inSubsetA(zone, unit)) {
                s.sumA += value;
                s.countA++;
                s.changeableA += changeable ? 1 : 0;
            } else {
                s.sumB += value;
                s.countB++;
                s.changeableB += changeable ? 1 : 0;
            }
            if (changeable) {
                s.lowest = Math.min(s.lowest, value);
                s.highest = Math.max(s.highest, value);
                unitSums[unit] += value;
                unitCounts[unit]++;
            }
            if (value == s.rangeMin || value == s.rangeMax) {
                s.samplesAtAnEnd++;
            }
        });
        // The texture is the mean absolute deviation of the changeable samples from their unit's mean; a
        // mark moves whole units, so the texture of a marked zone is that of the original.
        double[] deviations = new double[1];
        layout.forEachPixel(zone, (x, y, unit) -> {
            if (region.mayChange(x, y)) {
                deviations[0] += Math.abs((long) unitCounts[unit] * raster.get(x, y) - unitSums[unit]) / (double) unitCounts[unit];
            }
        });
        if (units == 4) {
            double[] means = new double[4];
            for (int unit = 0; unit < 4; unit++) {
                means[unit] = unitCounts[unit] == 0 ? 0 : (double) unitSums[unit] / unitCounts[unit];
            }
            s.structure = (Math.abs(means[0] + means[2] - means[1] - means[3]) + Math.abs(means[0] + means[1] - means[2] - means[3])) / 4;
        }
        int changeable = s.changeableA + s.changeableB;
        s.texture = changeable == 0 ? 0 : deviations[0] / changeable;
        return s;
    }

    /** Mean of subset A minus mean of subset B. */
    double difference() {
        return (double) sumA / countA - (double) sumB / countB;
    }

    /** How much {@link #difference} grows when A is raised and B lowered by one gray level. */
    double shiftGain() {
        return (double) changeableA / countA + (double) changeableB / countB;
    }

    /**
     * Whether more than an eighth of the zone's samples (2 of 16) lie at an end of the range: in a windowed copy
     * the zone was clipped, its difference says little, and the reader leaves it out. (A few clipped
     * samples, as noise gives near a window's edge, only dent the difference.)
     */
    boolean clipped() {
        return samplesAtAnEnd * 8 > countA + countB;
    }

    /**
     * The standard deviation the difference would have if the zone held only noise of its texture's
     * strength; the mark moves whole units, so this is the same before and after marking.
     */
    double naturalNoise() {
        return NOISE_PER_TEXTURE * texture / Math.sqrt(countA + countB) + STRUCTURE_WEIGHT * structure;
    }

    /**
     * The zone's vote for its bit: its difference over its natural noise plus {@code floor} (the
     * picture's typical noise, so that smooth zones do not get huge votes), limited to
     * {@link #SCORE_LIMIT}; 0 when the zone is {@link #clipped}.
     */
    double score(double floor) {
        return scoreAfter(0, floor);
    }

    /** What {@link #score} becomes when the zone is shifted by {@code shift} levels. */
    double scoreAfter(int shift, double floor) {
        if (clipped()) {
            return 0;
        }
        double z = (difference() + shift * shiftGain()) / (naturalNoise() + floor);
        return Math.max(-SCORE_LIMIT, Math.min(SCORE_LIMIT, z));
    }

    /** Whether shifting by {@code shift} keeps every changeable sample inside the guards. */
    boolean fits(int shift, Guards guards) {
        return lowest > highest
                || (long) lowest - shift >= guards.low() && (long) highest + shift <= guards.high();
    }

    /** Whether some changeable sample lies outside the guards, which no marked zone does. */
    boolean leaves(Guards guards) {
        return lowest <= highest && (lowest < guards.low() || highest > guards.high());
    }
}
