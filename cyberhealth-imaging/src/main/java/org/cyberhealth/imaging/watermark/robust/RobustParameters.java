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
 * @param survival the share of each zone's shift the embedder counts on when it plans a bit's strength
 *     (1: the picture as marked; less: a copy that lost part of the mark to a window and JPEG)
 */
public record RobustParameters(int messageBits, int unit, int zoneUnits, double margin, int step, int minQuarterSteps, int maxQuarterSteps,
        double survival) {

    /** The recipient codes the lead's container carries are 64 bits. */
    public static final int DEFAULT_MESSAGE_BITS = 64;

    public RobustParameters {
        // at most 8x8 units: marking reads a zone's subset A as one 64-bit mask
        if (messageBits <= 0 || unit <= 0 || zoneUnits < 2 || zoneUnits > 8) {
            throw new IllegalArgumentException("robust mark layout " + messageBits + " bits, " + unit + "-pixel blocks, "
                    + zoneUnits + " blocks a side");
        }
        if (!(margin >= 0) || step < 1 || minQuarterSteps < 0 || maxQuarterSteps < minQuarterSteps || !(survival > 0 && survival <= 1)) {
            throw new IllegalArgumentException("robust mark strength " + minQuarterSteps + ".." + maxQuarterSteps + " quarter steps" + ", margin " + margin
                    + ", planned survival " + survival);
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
     *       strikes; each zone left in the window then carries the mark on its own. The margin is 0.15.</li>
     *   <li>From 12 bits on, the margin is planned for a copy that kept only 0.4 of every shift
     *       ({@link #survival}). The minimum is then a quarter to half a gray level of an 8-bit window
     *       over the data (W2000 on a CT, or the data's whole span), and JPEG 75 zeroes the small
     *       coefficients it makes in flat blocks, while the picture's own differences, which the plan
     *       balanced against the shift, stay. Over 8 keys on the five abdominal slices and CT_small,
     *       planning for the whole shift lost up to 36 bits over 4 keys after those windows and JPEG 75;
     *       0.6 lost 26 over 8 keys, 0.5 6, 0.4 none (about 5 dB: 58 dB against 4095), 0.3 none for 2.3
     *       dB more. Up to 10 bits a level is at least a stored unit, so the minimum is at least 0.6 of
     *       such a gray level: MR2 (10 bits of data) reads without error after its windows and JPEG 75
     *       planned for the whole shift, and planning for 0.4 cost it 3.7 dB and a fifth more marking
     *       time.</li>
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
                (int) Math.ceil(4 * 12 * level / step), peak >= 4095 ? WIDE_RANGE_SURVIVAL : 1);
    }

    /** The share of each shift planned for on ranges of 12 bits or more (see {@link #forPeak}). */
    private static final double WIDE_RANGE_SURVIVAL = 0.4;

    /** These parameters with units of {@code side} pixels a side. */
    public RobustParameters withUnit(int side) {
        return new RobustParameters(messageBits, side, zoneUnits, margin, step, minQuarterSteps, maxQuarterSteps, survival);
    }

    /** Defaults for a picture whose samples span {@code bits} bits (see {@link #usedRangeBits}). */
    public static RobustParameters forRangeBits(int bits) {
        return forPeak((1 << bits) - 1);
    }

    /**
     * The range, in bits, whose defaults ({@link #forRangeBits}) mark {@code raster}: the range it uses
     * ({@link #usedRangeBits}), but 12 bits when that is 11. Such a picture is a CT's (HU from -1024 up
     * to 1000 or more), seen through windows set in HU whatever share of the format one slice fills: the
     * abdominal slices span 11 bits, and with the 11-bit strength (a level of 1 HU instead of 1.6) W2000
     * and the data's min-max window followed by JPEG 75 turned 57 bits over 8 keys on the slice that is two
     * thirds air, and CT_small's min-max window with JPEG 75 3, where the 12-bit strength loses none.
     */
    public static int markedRangeBits(Raster raster) {
        int used = usedRangeBits(raster);
        return used == 11 ? 12 : used;
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
