package org.cyberhealth.imaging.watermark.robust;

import org.cyberhealth.imaging.Raster;

/**
 * The tuning of a {@link RobustMark}.
 *
 * @param messageBits the length of the carried code
 * @param unit side of the square pixel blocks the subsets are made of
 * @param zoneUnits a zone is {@code zoneUnits x zoneUnits} blocks (2 to 8), half of them in subset A
 *     (with 2, one diagonal pair against the other)
 * @param margin the mean zone score (see {@code ZoneStatistics#score}) each bit must reach
 * @param step gray levels per strength step (1 up to 12-bit ranges; coarser for wider ones, to keep
 *     the side information short)
 * @param minQuarterSteps the smallest strength, in quarter steps, applied to every marked bit
 * @param maxQuarterSteps the largest strength, in quarter steps, the embedder may choose for a bit
 */
public record RobustParameters(int messageBits, int unit, int zoneUnits, double margin, int step, int minQuarterSteps, int maxQuarterSteps) {

    /** The recipient codes the lead's container carries are 64 bits. */
    public static final int DEFAULT_MESSAGE_BITS = 64;

    public RobustParameters {
        // at most 8x8 units: marking reads a zone's subset A as one 64-bit mask
        if (messageBits <= 0 || unit <= 0 || zoneUnits < 2 || zoneUnits > 8) {
            throw new IllegalArgumentException("robust mark layout " + messageBits + " bits, " + unit + "-pixel blocks, "
                    + zoneUnits + " blocks a side");
        }
        if (!(margin >= 0) || step < 1 || minQuarterSteps < 0 || maxQuarterSteps < minQuarterSteps) {
            throw new IllegalArgumentException("robust mark strength " + minQuarterSteps + ".." + maxQuarterSteps + " quarter steps" + ", margin " + margin);
        }
    }

    /**
     * Defaults for a raster whose range spans {@code peak} gray levels, measured on the five classic
     * images, two chest X-rays and eight CT slices (see {@link RobustMark}): zones of 2x2 units, the units
     * 4x4 pixels on 8-bit pictures and 2x2 pixels on wider ranges. A 4x4-pixel unit is half a JPEG block a
     * side, so the mark is the block's lowest frequencies, which JPEG quantises least: with 2x2-pixel units
     * JPEG 75 turned one bit of 64 on Airplane (2 keys of 8) and Crowd (1 key of 4), JPEG 50 up to 32 bits
     * over 4 keys; with 4x4-pixel units none, on every classic image and chest X-ray, for 0.1 to 1.6 dB.
     * A CT keeps 2x2-pixel units: its soft-tissue window clips most zones, and four times as many small
     * zones leave enough unclipped (4x4-pixel units lost 3 to 8 bits over 4 keys after W400 on two slices).
     * Strengths are counted in display levels: an 8-bit gray level for 8-bit pictures, and for wider
     * ranges the gray level of a viewer window a tenth of the range wide ((peak + 1) / 2560 levels,
     * 1.6 HU on a 12-bit CT, close to a W400 soft-tissue window's 1.57 HU), because a wide-range picture
     * is seen, and leaked, through such windows rather than whole.
     * <ul>
     *   <li>8-bit: every zone is shifted by at least half a level (half the zones by one level), and
     *       the embedder adds what each bit needs for a mean zone score of 0.07 (0.1 cost Baboon 2.5 dB
     *       for no fewer errors).</li>
     *   <li>Wider: every zone is shifted by at least 2.5 display levels (4 HU on CT), because a
     *       narrow window clips most zones and so undoes the per-bit balance the informed embedding
     *       strikes; each zone left in the window then carries the mark on its own. The margin is
     *       0.15; on the CT slices the minimum always reaches it.</li>
     * </ul>
     * Up to 12 display levels per bit, in steps of a quarter of the strength unit.
     */
    public static RobustParameters forPeak(int peak) {
        boolean eightBitOrLess = peak <= 255;
        double level = Math.max(1.0, (peak + 1) / 2560.0);
        int step = (int) Math.max(1, Math.floor(level / 4));
        double minLevels = eightBitOrLess ? 0.5 : 2.5;
        double margin = eightBitOrLess ? 0.07 : 0.15;
        return new RobustParameters(DEFAULT_MESSAGE_BITS, eightBitOrLess ? 4 : 2, 2, margin, step, (int) Math.round(4 * minLevels * level / step),
                (int) Math.ceil(4 * 12 * level / step));
    }

    /** These parameters with units of {@code side} pixels a side. */
    public RobustParameters withUnit(int side) {
        return new RobustParameters(messageBits, side, zoneUnits, margin, step, minQuarterSteps, maxQuarterSteps);
    }

    /** Defaults for a picture whose samples span {@code bits} bits (see {@link #usedRangeBits}). */
    public static RobustParameters forRangeBits(int bits) {
        return forPeak((1 << bits) - 1);
    }

    /**
     * Bits needed for the spread between the 0.1th and 99.9th percentile of the samples (on a regular
     * subsample, which is deterministic and fast), at least 8 and at most the format's own: the range a
     * picture really uses, which sets the strength better than the range its format allows (a CT stored
     * as signed 16-bit spans about 12 bits).
     */
    public static int usedRangeBits(Raster raster) {
        int[] s = raster.samples();
        int step = Math.max(1, s.length / 40_000);
        int n = (s.length + step - 1) / step;
        int highRank = (int) (0.999 * (n - 1));
        int lowRank = (int) (0.001 * (n - 1));
        long spread;
        if ((long) raster.maxValue() - raster.minValue() < COUNTED_RANGE) {
            // every medical format: the two order statistics from a histogram of the subsample, in two passes
            int[] counts = new int[raster.maxValue() - raster.minValue() + 1];
            for (int i = 0; i < s.length; i += step) {
                counts[s[i] - raster.minValue()]++;
            }
            spread = (long) valueOfRank(counts, highRank) - valueOfRank(counts, lowRank);
        } else {
            double[] sample = new double[n];
            for (int i = 0, j = 0; i < s.length; i += step, j++) {
                sample[j] = s[i];
            }
            // two selections instead of a sort: the same percentiles, in linear time
            double high = OrderStatistic.select(sample, n, highRank);
            double low = OrderStatistic.select(sample, n, lowRank);
            spread = (long) high - (long) low;
        }
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, spread));
        int formatBits = 32 - Integer.numberOfLeadingZeros(raster.peak());
        return Math.max(8, Math.min(bits, Math.min(formatBits, 30)));
    }

    /** Ranges up to this many levels are counted in a histogram rather than selected from. */
    private static final long COUNTED_RANGE = 1 << 17;

    /** The histogram index (level above the minimum) of the sample of ascending rank {@code rank}. */
    private static int valueOfRank(int[] counts, int rank) {
        int seen = 0;
        for (int level = 0; level < counts.length; level++) {
            seen += counts[level];
            if (seen > rank) {
                return level;
            }
        }
        return counts.length - 1;
    }
}
