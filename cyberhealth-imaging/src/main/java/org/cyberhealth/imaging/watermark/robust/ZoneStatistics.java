package org.cyberhealth.imaging.watermark.robust;

import java.util.Arrays;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * What every zone of a raster says about its bit: the difference of its subsets' means, how noisy that
 * difference naturally is (from the zone's texture and, for zones of 2x2 units, its gradients), whether
 * it was clipped by a window, and the extremes of the samples that may change. The zones are gathered
 * in one pass over the raster into parallel arrays, indexed by zone, because the embedder weighs every
 * zone once for each candidate guard and strength.
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

    /** Mean of subset A minus mean of subset B. */
    private final double[] difference;
    /** How much the difference grows when A is raised and B lowered by one gray level. */
    private final double[] shiftGain;
    private final double[] naturalNoise;
    private final boolean[] clipped;
    /** Extremes of the changeable samples; lowest > highest when none may change. */
    private final int[] lowest;
    private final int[] highest;
    /** The changeable zones by lowest and by highest sample, for {@link #zonesNear}; built on first use. */
    private int[] byLowest;
    private int[] byHighest;

    private final Workspace workspace;

    /** Statistics in the arrays of {@code workspace}, which {@link #of} fills in zone by zone. */
    private ZoneStatistics(int zoneCount, Workspace workspace) {
        this.workspace = workspace;
        difference = workspace.doubles(Workspace.Doubles.DIFFERENCE, zoneCount);
        shiftGain = workspace.doubles(Workspace.Doubles.SHIFT_GAIN, zoneCount);
        naturalNoise = workspace.doubles(Workspace.Doubles.NATURAL_NOISE, zoneCount);
        clipped = workspace.clipped(zoneCount);
        lowest = workspace.ints(Workspace.Ints.LOWEST, zoneCount);
        highest = workspace.ints(Workspace.Ints.HIGHEST, zoneCount);
    }

    /**
     * The statistics of all of {@code layout}'s zones of {@code raster}, counting only {@code region} as
     * changeable; kept in this thread's {@link Workspace}, they last until the next statistics it gathers.
     */
    static ZoneStatistics of(Raster raster, Region region, ZoneLayout layout) {
        ZoneStatistics s = new ZoneStatistics(layout.zoneCount(), Workspace.ofThisThread());
        int units = layout.unitsPerZone();
        int pixels = layout.pixelsPerZone();
        int[] values = new int[pixels];
        boolean[] changeable = new boolean[pixels];
        long[] unitSums = new long[units];
        int[] unitCounts = new int[units];
        long[] unitTotals = new long[units];
        int[] unitSizes = new int[units];
        double[] unitReciprocals = new double[units];
        // the pixels' offsets from a zone's corner in the sample array, and zones the region wholly
        // changes read their samples without asking the region pixel by pixel
        int[] samples = raster.samples();
        int[] offsets = new int[pixels];
        for (int pixel = 0; pixel < pixels; pixel++) {
            offsets[pixel] = layout.dyOf(pixel) * raster.width() + layout.dxOf(pixel);
        }
        int side = layout.zoneSide();
        boolean fourUnitsOfTwo = layout.fourUnitsOfTwo();
        boolean fourSmallUnitsOfFour = layout.fourUnitsOfFour() && raster.minValue() > -SMALL_SAMPLES && raster.maxValue() < SMALL_SAMPLES;
        for (int zone = 0; zone < layout.zoneCount(); zone++) {
            int left = layout.leftOf(zone);
            int top = layout.topOf(zone);
            int corner = top * raster.width() + left;
            boolean whole = region.mayChangeAll(left, top, side, side);
            if (whole && fourUnitsOfTwo) {
                s.gatherWholeFourByFour(zone, raster, layout, corner);
                continue;
            }
            if (whole && fourSmallUnitsOfFour) {
                s.gatherWholeEightByEight(zone, raster, layout, corner);
                continue;
            }
            if (whole) {
                for (int pixel = 0; pixel < pixels; pixel++) {
                    values[pixel] = samples[corner + offsets[pixel]];
                    changeable[pixel] = true;
                }
            } else {
                for (int pixel = 0; pixel < pixels; pixel++) {
                    values[pixel] = samples[corner + offsets[pixel]];
                    changeable[pixel] = region.mayChange(left + layout.dxOf(pixel), top + layout.dyOf(pixel));
                }
            }
            s.gather(zone, raster, layout, values, changeable, unitSums, unitCounts, unitTotals, unitSizes, unitReciprocals);
        }
        return s;
    }

    /**
     * Fills in one zone from its samples and whether each may change, both in the layout's pixel order;
     * leaves {@code unitSums} and {@code unitCounts} holding the sums and counts of each unit's changeable
     * samples, {@code unitTotals} and {@code unitSizes} those of all its samples.
     */
    private void gather(int zone, Raster raster, ZoneLayout layout, int[] values, boolean[] changeable,
            long[] unitSums, int[] unitCounts, long[] unitTotals, int[] unitSizes, double[] unitReciprocals) {
        Arrays.fill(unitSums, 0);
        Arrays.fill(unitCounts, 0);
        Arrays.fill(unitTotals, 0);
        Arrays.fill(unitSizes, 0);
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        int samplesAtAnEnd = 0;
        for (int pixel = 0; pixel < values.length; pixel++) {
            int value = values[pixel];
            int unit = layout.unitOf(pixel);
            unitTotals[unit] += value;
            unitSizes[unit]++;
            if (changeable[pixel]) {
                low = Math.min(low, value);
                high = Math.max(high, value);
                unitSums[unit] += value;
                unitCounts[unit]++;
            }
            if (value == raster.minValue() || value == raster.maxValue()) {
                samplesAtAnEnd++;
            }
        }
        long sumA = 0;
        long sumB = 0;
        int countA = 0;
        int countB = 0;
        int changeableA = 0;
        int changeableB = 0;
        for (int unit = 0; unit < unitSums.length; unit++) {
            if (layout.inSubsetA(zone, unit)) {
                sumA += unitTotals[unit];
                countA += unitSizes[unit];
                changeableA += unitCounts[unit];
            } else {
                sumB += unitTotals[unit];
                countB += unitSizes[unit];
                changeableB += unitCounts[unit];
            }
        }
        // The texture is the mean absolute deviation of the changeable samples from their unit's mean; a
        // mark moves whole units, so the texture of a marked zone is that of the original.
        // Dividing by a unit count that is a power of two (a whole unit of 2x2 pixels: 4) is multiplying
        // by its reciprocal, exactly and faster.
        for (int unit = 0; unit < unitCounts.length; unit++) {
            int count = unitCounts[unit];
            unitReciprocals[unit] = count > 0 && (count & (count - 1)) == 0 ? 1.0 / count : 0;
        }
        double deviations = 0;
        for (int pixel = 0; pixel < values.length; pixel++) {
            if (changeable[pixel]) {
                int unit = layout.unitOf(pixel);
                long deviation = Math.abs((long) unitCounts[unit] * values[pixel] - unitSums[unit]);
                deviations += unitReciprocals[unit] != 0 ? deviation * unitReciprocals[unit] : deviation / (double) unitCounts[unit];
            }
        }
        double structure = 0;
        if (unitSums.length == 4) {
            double mean0 = meanOf(unitSums, unitCounts, 0);
            double mean1 = meanOf(unitSums, unitCounts, 1);
            double mean2 = meanOf(unitSums, unitCounts, 2);
            double mean3 = meanOf(unitSums, unitCounts, 3);
            structure = (Math.abs(mean0 + mean2 - mean1 - mean3) + Math.abs(mean0 + mean1 - mean2 - mean3)) / 4;
        }
        int changeableCount = changeableA + changeableB;
        double texture = changeableCount == 0 ? 0 : deviations / changeableCount;
        difference[zone] = (double) sumA / countA - (double) sumB / countB;
        shiftGain[zone] = (double) changeableA / countA + (double) changeableB / countB;
        // The standard deviation the difference would have if the zone held only noise of its texture's
        // strength; the mark moves whole units, so this is the same before and after marking.
        naturalNoise[zone] = NOISE_PER_TEXTURE * texture / Math.sqrt(countA + countB) + STRUCTURE_WEIGHT * structure;
        // More than an eighth of the samples (2 of 16) at an end of the range: in a windowed copy the zone
        // was clipped, its difference says little, and the reader leaves it out. (A few clipped samples,
        // as noise gives near a window's edge, only dent the difference.)
        clipped[zone] = samplesAtAnEnd * 8 > countA + countB;
        lowest[zone] = low;
        highest[zone] = high;
    }

    /**
     * {@link #gather} for a zone of four 2x2 units that may change whole (most zones): the same values,
     * computed in the same order from the samples' rows, without the per-pixel bookkeeping that zones
     * meeting protected samples need. Each deviation is a multiple of a quarter, so their sum is exact
     * and adding them in integers first changes nothing. Samples of a medical format (at most 2^24
     * levels apart, and so every sum of a zone) are added in ints, others in longs.
     */
    private void gatherWholeFourByFour(int zone, Raster raster, ZoneLayout layout, int corner) {
        int[] s = raster.samples();
        int width = raster.width();
        int min = raster.minValue();
        int max = raster.maxValue();
        // rows a to d of the zone; units: 0 top left, 1 top right, 2 bottom left, 3 bottom right
        int a = corner;
        int b = a + width;
        int c = b + width;
        int d = c + width;
        long sum0;
        long sum1;
        long sum2;
        long sum3;
        long quarterDeviations;
        if (min > -SMALL_SAMPLES && max < SMALL_SAMPLES) {
            // 16 samples read once into locals; a zone allocates nothing (65536 in a 1024x1024 picture)
            int a0 = s[a];
            int a1 = s[a + 1];
            int a2 = s[a + 2];
            int a3 = s[a + 3];
            int b0 = s[b];
            int b1 = s[b + 1];
            int b2 = s[b + 2];
            int b3 = s[b + 3];
            int c0 = s[c];
            int c1 = s[c + 1];
            int c2 = s[c + 2];
            int c3 = s[c + 3];
            int d0 = s[d];
            int d1 = s[d + 1];
            int d2 = s[d + 2];
            int d3 = s[d + 3];
            int u0 = a0 + a1 + b0 + b1;
            int u1 = a2 + a3 + b2 + b3;
            int u2 = c0 + c1 + d0 + d1;
            int u3 = c2 + c3 + d2 + d3;
            sum0 = u0;
            sum1 = u1;
            sum2 = u2;
            sum3 = u3;
            quarterDeviations = Math.abs(4 * a0 - u0) + Math.abs(4 * a1 - u0) + Math.abs(4 * b0 - u0) + Math.abs(4 * b1 - u0)
                    + Math.abs(4 * a2 - u1) + Math.abs(4 * a3 - u1) + Math.abs(4 * b2 - u1) + Math.abs(4 * b3 - u1)
                    + Math.abs(4 * c0 - u2) + Math.abs(4 * c1 - u2) + Math.abs(4 * d0 - u2) + Math.abs(4 * d1 - u2)
                    + Math.abs(4 * c2 - u3) + Math.abs(4 * c3 - u3) + Math.abs(4 * d2 - u3) + Math.abs(4 * d3 - u3);
            int low = Math.min(Math.min(Math.min(Math.min(a0, a1), Math.min(a2, a3)), Math.min(Math.min(b0, b1), Math.min(b2, b3))),
                    Math.min(Math.min(Math.min(c0, c1), Math.min(c2, c3)), Math.min(Math.min(d0, d1), Math.min(d2, d3))));
            int high = Math.max(Math.max(Math.max(Math.max(a0, a1), Math.max(a2, a3)), Math.max(Math.max(b0, b1), Math.max(b2, b3))),
                    Math.max(Math.max(Math.max(c0, c1), Math.max(c2, c3)), Math.max(Math.max(d0, d1), Math.max(d2, d3))));
            lowest[zone] = low;
            highest[zone] = high;
            // only a zone reaching an end of the range can have samples there: most are counted at no cost.
            // No sample lies below the zone's lowest, so one is at it exactly when it minus the lowest,
            // less 1, is negative (likewise at the highest): three operations a sample, without a branch
            // (on a noisy dark picture, MR2's background, samples are at the low end or not at random)
            int samplesAtAnEnd = 0;
            if (low == min) {
                int above = low + 1;
                samplesAtAnEnd += ((a0 - above) >>> 31) + ((a1 - above) >>> 31) + ((a2 - above) >>> 31) + ((a3 - above) >>> 31)
                        + ((b0 - above) >>> 31) + ((b1 - above) >>> 31) + ((b2 - above) >>> 31) + ((b3 - above) >>> 31)
                        + ((c0 - above) >>> 31) + ((c1 - above) >>> 31) + ((c2 - above) >>> 31) + ((c3 - above) >>> 31)
                        + ((d0 - above) >>> 31) + ((d1 - above) >>> 31) + ((d2 - above) >>> 31) + ((d3 - above) >>> 31);
            }
            if (high == max) {
                // a sample at both ends (a range of one level) counts twice: every sample then lies at an end anyway
                int below = high - 1;
                samplesAtAnEnd += ((below - a0) >>> 31) + ((below - a1) >>> 31) + ((below - a2) >>> 31) + ((below - a3) >>> 31)
                        + ((below - b0) >>> 31) + ((below - b1) >>> 31) + ((below - b2) >>> 31) + ((below - b3) >>> 31)
                        + ((below - c0) >>> 31) + ((below - c1) >>> 31) + ((below - c2) >>> 31) + ((below - c3) >>> 31)
                        + ((below - d0) >>> 31) + ((below - d1) >>> 31) + ((below - d2) >>> 31) + ((below - d3) >>> 31);
            }
            clipped[zone] = samplesAtAnEnd * 8 > 16;
        } else {
            sum0 = (long) s[a] + s[a + 1] + s[b] + s[b + 1];
            sum1 = (long) s[a + 2] + s[a + 3] + s[b + 2] + s[b + 3];
            sum2 = (long) s[c] + s[c + 1] + s[d] + s[d + 1];
            sum3 = (long) s[c + 2] + s[c + 3] + s[d + 2] + s[d + 3];
            int low = Integer.MAX_VALUE;
            int high = Integer.MIN_VALUE;
            quarterDeviations = 0;
            for (int r = 0; r < 4; r++) {
                int row = a + r * width;
                long left = r < 2 ? sum0 : sum2;
                long right = r < 2 ? sum1 : sum3;
                for (int dx = 0; dx < 4; dx++) {
                    int value = s[row + dx];
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                    quarterDeviations += Math.abs(4L * value - (dx < 2 ? left : right));
                }
            }
            lowest[zone] = low;
            highest[zone] = high;
            clipped[zone] = samplesAtAnEnd(s, a, width, min, max) * 8 > 16;
        }
        finishFourUnits(zone, layout, 2, sum0, sum1, sum2, sum3, quarterDeviations);
    }

    /**
     * {@link #gather} for a zone of four 4x4 units that may change whole, as {@link #gatherWholeFourByFour}
     * does for 2x2 units, for samples of a medical format (see {@link #SMALL_SAMPLES}).
     */
    private void gatherWholeEightByEight(int zone, Raster raster, ZoneLayout layout, int corner) {
        int[] s = raster.samples();
        int width = raster.width();
        int min = raster.minValue();
        int max = raster.maxValue();
        // units: 0 top left, 1 top right, 2 bottom left, 3 bottom right
        int sum0 = 0;
        int sum1 = 0;
        int sum2 = 0;
        int sum3 = 0;
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        int samplesAtAnEnd = 0;
        for (int row = 0; row < 8; row++) {
            int at = corner + row * width;
            int left = 0;
            int right = 0;
            for (int dx = 0; dx < 4; dx++) {
                int l = s[at + dx];
                int r = s[at + 4 + dx];
                left += l;
                right += r;
                low = Math.min(low, Math.min(l, r));
                high = Math.max(high, Math.max(l, r));
                samplesAtAnEnd += (l == min | l == max ? 1 : 0) + (r == min | r == max ? 1 : 0);
            }
            if (row < 4) {
                sum0 += left;
                sum1 += right;
            } else {
                sum2 += left;
                sum3 += right;
            }
        }
        long sixteenthDeviations = 0;
        for (int row = 0; row < 8; row++) {
            int at = corner + row * width;
            int leftSum = row < 4 ? sum0 : sum2;
            int rightSum = row < 4 ? sum1 : sum3;
            for (int dx = 0; dx < 4; dx++) {
                sixteenthDeviations += Math.abs(16 * s[at + dx] - leftSum) + Math.abs(16 * s[at + 4 + dx] - rightSum);
            }
        }
        lowest[zone] = low;
        highest[zone] = high;
        clipped[zone] = samplesAtAnEnd * 8 > 64;
        finishFourUnits(zone, layout, 4, sum0, sum1, sum2, sum3, sixteenthDeviations);
    }

    /**
     * The difference, shift gain and natural noise of a whole zone of four {@code unit x unit} units from
     * its units' sums and the sum of its samples' absolute deviations from their unit's mean, times the
     * unit's pixel count (an integer): the values {@link #gather} computes, exactly.
     */
    private void finishFourUnits(int zone, ZoneLayout layout, int unit, long sum0, long sum1, long sum2, long sum3, long scaledDeviations) {
        int unitPixels = unit * unit;
        // subset A is one diagonal pair of units, B the other, as the key chose at random: picked without a branch
        long antiDiagonal = ~layout.subsetA(zone) & 1;
        long swap = antiDiagonal * (sum1 + sum2 - sum0 - sum3);
        long sumA = sum0 + sum3 + swap;
        long sumB = sum1 + sum2 - swap;
        double pixels = unitPixels;
        double mean0 = sum0 / pixels;
        double mean1 = sum1 / pixels;
        double mean2 = sum2 / pixels;
        double mean3 = sum3 / pixels;
        double structure = (Math.abs(mean0 + mean2 - mean1 - mean3) + Math.abs(mean0 + mean1 - mean2 - mean3)) / 4;
        // powers of two all: each division is exact, as gather's per-sample reciprocals are
        double texture = scaledDeviations * (1.0 / unitPixels) / (4 * unitPixels);
        difference[zone] = (double) sumA / (2 * unitPixels) - (double) sumB / (2 * unitPixels);
        shiftGain[zone] = 2;
        naturalNoise[zone] = NOISE_PER_TEXTURE * texture / (2 * unit) + STRUCTURE_WEIGHT * structure;
    }

    /** Samples at most this far from 0 sum, by the 16 of a zone and four times over, within an int. */
    private static final int SMALL_SAMPLES = 1 << 24;

    /** How many of the 4x4 samples from {@code corner} lie at {@code min} or {@code max}. */
    private static int samplesAtAnEnd(int[] s, int corner, int width, int min, int max) {
        int count = 0;
        for (int row = corner; row < corner + 4 * width; row += width) {
            for (int dx = 0; dx < 4; dx++) {
                int value = s[row + dx];
                count += value == min || value == max ? 1 : 0;
            }
        }
        return count;
    }

    private static double meanOf(long[] unitSums, int[] unitCounts, int unit) {
        return unitCounts[unit] == 0 ? 0 : (double) unitSums[unit] / unitCounts[unit];
    }

    int zoneCount() {
        return clipped.length;
    }

    /** Whether some sample of the zone may change (else its headroom never depends on the guards). */
    boolean changeable(int zone) {
        return lowest[zone] <= highest[zone];
    }

    /** The lowest changeable sample of the zone (see {@link #changeable}). */
    int lowest(int zone) {
        return lowest[zone];
    }

    /** The highest changeable sample of the zone (see {@link #changeable}). */
    int highest(int zone) {
        return highest[zone];
    }

    /** Whether the zone was clipped by a window, so that its difference says little and it has no vote. */
    boolean clipped(int zone) {
        return clipped[zone];
    }

    /**
     * The median natural noise of the zones that touch no end of the range: a scale that follows any
     * linear gray-level map, so that a windowed copy scores its zones as the embedder did.
     */
    double typicalNoise() {
        double[] noises = workspace.doubles(Workspace.Doubles.NOISES, zoneCount());
        int count = 0;
        for (int zone = 0; zone < zoneCount(); zone++) {
            if (!clipped[zone]) {
                noises[count++] = naturalNoise[zone];
            }
        }
        return count == 0 ? 1 : Math.max(Double.MIN_NORMAL, OrderStatistic.select(noises, count, count / 2, workspace.keys(count)));
    }

    /**
     * What the zone's vote for its bit becomes when it is shifted by {@code shift} levels: its
     * difference over its natural noise plus {@code floor} (the picture's typical noise, so that smooth
     * zones do not get huge votes), limited to {@link #SCORE_LIMIT}; 0 when the zone is clipped.
     */
    double scoreAfter(int zone, int shift, double floor) {
        if (clipped[zone]) {
            return 0;
        }
        return limited((difference[zone] + shift * shiftGain[zone]) / (naturalNoise[zone] + floor));
    }

    /** How many doubles {@link #scoreTerms} writes a zone. */
    static final int SCORE_TERMS = 4;

    /**
     * What {@link #scoreAfter} reads of each zone, and its score unshifted, {@link #SCORE_TERMS} doubles a
     * zone from {@code out[SCORE_TERMS * layout.slotOf(zone)]}: the embedder scores the zones of a bit
     * together, and reads them from one place in slot order instead of from three arrays in zone order.
     * A clipped zone's terms score 0 at every shift. The shift counts for {@code survival} of itself, the
     * share the embedder plans for (see {@link RobustParameters#survival}).
     */
    void scoreTerms(ZoneLayout layout, double floor, double survival, double[] out) {
        for (int zone = 0; zone < clipped.length; zone++) {
            int at = SCORE_TERMS * layout.slotOf(zone);
            boolean none = clipped[zone];
            out[at] = none ? 0 : difference[zone];
            out[at + 1] = none ? 0 : survival * shiftGain[zone];
            out[at + 2] = none ? 1 : naturalNoise[zone] + floor;
            out[at + 3] = scoreOf(out, at, 0);
        }
    }

    /** {@link #scoreAfter} from a zone's {@link #scoreTerms} at {@code terms[at]}: the same value (at survival 1), computed alike. */
    static double scoreOf(double[] terms, int at, int shift) {
        return limited((terms[at] + shift * terms[at + 1]) / terms[at + 2]);
    }

    /**
     * {@code z} limited to {@link #SCORE_LIMIT} either way: the same value as {@code Math.max(-limit,
     * Math.min(limit, z))} for every score (none is NaN), without the blends that those compile to for
     * NaN and signed zeros (half the work of scoring a zone while planning guards).
     */
    private static double limited(double z) {
        return z > SCORE_LIMIT ? SCORE_LIMIT : z < -SCORE_LIMIT ? -SCORE_LIMIT : z;
    }

    /**
     * The largest shift that keeps every changeable sample of the zone inside the guards, limited to
     * {@code limit}; -1 when some changeable sample already lies outside them, which no marked zone does.
     * A shift of 1 or more fits exactly when it is at most this headroom.
     */
    int headroom(int zone, Guards guards, int limit) {
        if (lowest[zone] > highest[zone]) {
            return limit;
        }
        long room = Math.min((long) lowest[zone] - guards.low(), (long) guards.high() - highest[zone]);
        return (int) Math.max(-1, Math.min(limit, room));
    }

    /**
     * {@link #headroom} of every zone, into {@code out}, in one pass (planning asks for dozens of guards).
     */
    void headrooms(Guards guards, int limit, int[] out) {
        long low = guards.low();
        long high = guards.high();
        for (int zone = 0; zone < lowest.length; zone++) {
            long room = Math.min(lowest[zone] - low, high - highest[zone]);
            out[zone] = lowest[zone] > highest[zone] ? limit : (int) Math.max(-1, Math.min(limit, room));
        }
    }

    /**
     * The zones whose {@link #headroom} (limited to {@code limit}) can differ between guards {@code from}
     * and {@code to}, into {@code out}; returns how many (a zone may come twice). A headroom reads the low
     * guard only for a zone whose lowest sample lies less than {@code limit} above it (and not below
     * both), the high guard likewise: the zones are looked up in their order by lowest and by highest
     * sample, built on first use.
     */
    int zonesNear(Guards from, Guards to, int limit, int[] out) {
        if (byLowest == null) {
            sortByExtremes();
        }
        int n = 0;
        if (from.low() != to.low()) {
            long a = Math.min(from.low(), to.low());
            long b = (long) Math.max(from.low(), to.low()) + limit;
            n = collect(byLowest, lowest, a, b - 1, out, n);
        }
        if (from.high() != to.high()) {
            long a = (long) Math.min(from.high(), to.high()) - limit + 1;
            long b = Math.max(from.high(), to.high());
            n = collect(byHighest, highest, a, b, out, n);
        }
        return n;
    }

    /**
     * Sorts the zones with a changeable sample (the others' headroom never changes) by their lowest and
     * by their highest sample into {@link #byLowest} and {@link #byHighest}: counted, both in the same
     * passes over the zones, when each extreme spans a range no wider than a 16-bit format's.
     */
    private void sortByExtremes() {
        int n = 0;
        long lowMin = Long.MAX_VALUE;
        long lowMax = Long.MIN_VALUE;
        long highMin = Long.MAX_VALUE;
        long highMax = Long.MIN_VALUE;
        for (int zone = 0; zone < lowest.length; zone++) {
            if (lowest[zone] <= highest[zone]) {
                n++;
                lowMin = Math.min(lowMin, lowest[zone]);
                lowMax = Math.max(lowMax, lowest[zone]);
                highMin = Math.min(highMin, highest[zone]);
                highMax = Math.max(highMax, highest[zone]);
            }
        }
        byLowest = new int[n];
        byHighest = new int[n];
        if (n == 0) {
            return;
        }
        if (lowMax - lowMin >= 1 << 17 || highMax - highMin >= 1 << 17) {
            sortBy(lowest, byLowest);
            sortBy(highest, byHighest);
            return;
        }
        int low = (int) lowMin;
        int high = (int) highMin;
        int[] lowStarts = new int[(int) (lowMax - lowMin) + 2];
        int[] highStarts = new int[(int) (highMax - highMin) + 2];
        for (int zone = 0; zone < lowest.length; zone++) {
            if (lowest[zone] <= highest[zone]) {
                lowStarts[lowest[zone] - low + 1]++;
                highStarts[highest[zone] - high + 1]++;
            }
        }
        for (int v = 1; v < lowStarts.length; v++) {
            lowStarts[v] += lowStarts[v - 1];
        }
        for (int v = 1; v < highStarts.length; v++) {
            highStarts[v] += highStarts[v - 1];
        }
        for (int zone = 0; zone < lowest.length; zone++) {
            if (lowest[zone] <= highest[zone]) {
                byLowest[lowStarts[lowest[zone] - low]++] = zone;
                byHighest[highStarts[highest[zone] - high]++] = zone;
            }
        }
    }

    /** Sorts the zones with a changeable sample by {@code values} into {@code zones}, by comparison (as many as there are such zones). */
    private void sortBy(int[] values, int[] zones) {
        long[] keyed = new long[zones.length];
        for (int zone = 0, i = 0; zone < values.length; zone++) {
            if (lowest[zone] <= highest[zone]) {
                keyed[i++] = (long) values[zone] << 32 | zone;
            }
        }
        Arrays.sort(keyed);
        for (int i = 0; i < zones.length; i++) {
            zones[i] = (int) keyed[i];
        }
    }

    /** Appends to {@code out} from {@code n} on the zones of {@code sorted} whose value lies in {@code [a, b]}. */
    private static int collect(int[] sorted, int[] values, long a, long b, int[] out, int n) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[sorted[mid]] < a) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < sorted.length && values[sorted[i]] <= b; i++) {
            out[n++] = sorted[i];
        }
        return n;
    }

    /**
     * {@code signedShift} if shifting the zone by it keeps every changeable sample inside the guards (or
     * the zone has none), else 0; without a branch, for a pass over every zone in which that changes at
     * random.
     */
    int ifFits(int zone, int signedShift, Guards guards) {
        int shift = Math.abs(signedShift);
        long roomBelow = (long) lowest[zone] - shift - guards.low();
        long roomAbove = (long) guards.high() - highest[zone] - shift;
        long spread = (long) highest[zone] - lowest[zone];
        // negative exactly when the zone has a changeable sample and some room is negative
        long outside = (roomBelow | roomAbove) & ~spread;
        return signedShift & (int) ~(outside >> 63);
    }
}
