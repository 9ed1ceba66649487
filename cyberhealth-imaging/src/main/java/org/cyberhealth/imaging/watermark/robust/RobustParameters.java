package org.cyberhealth.imaging.watermark.robust;

/**
 * The tuning of a {@link RobustMark}.
 *
 * @param messageBits the length of the carried code
 * @param unit side of the square pixel blocks the subsets are made of (8 matches the JPEG grid)
 * @param zoneUnits a zone is {@code zoneUnits x zoneUnits} blocks, half of them in subset A
 * @param margin the mean A-B difference, in gray levels of the marked raster, each bit must reach
 * @param step gray levels per strength step (1 for 8-bit; coarser for wider ranges, to keep the side
 *     information short)
 * @param minStrength the smallest strength, in steps, applied to every marked bit
 * @param maxStrength the largest strength, in steps, the embedder may choose for a bit
 * @param bands the margin must hold within each of this many intensity bands of a bit's zones
 */
public record RobustParameters(int messageBits, int unit, int zoneUnits, double margin, int step, int minStrength, int maxStrength, int bands) {

    /** The recipient codes the lead's container carries are 64 bits. */
    public static final int DEFAULT_MESSAGE_BITS = 64;

    public RobustParameters {
        if (messageBits <= 0 || unit <= 0 || zoneUnits < 2) {
            throw new IllegalArgumentException("robust mark layout " + messageBits + " bits, " + unit + "-pixel blocks, "
                    + zoneUnits + " blocks a side");
        }
        if (!(margin >= 0) || step < 1 || minStrength < 0 || maxStrength < minStrength || bands < 1) {
            throw new IllegalArgumentException("robust mark strength " + minStrength + ".." + maxStrength + ", margin " + margin);
        }
    }

    /**
     * Defaults for a raster whose range spans {@code peak} gray levels, measured with
     * {@code RobustnessBench}: 4x4-pixel blocks in 8x8 zones (one JPEG block each), a margin of one
     * 8-bit gray level (scaled to the range, so that it is still about one level after windowing the
     * whole range to 8 bits), strength steps of a quarter of an 8-bit level, at most 12 levels, and no
     * intensity bands (they cost about 8 dB on CT and were not needed for the measured windows).
     */
    public static RobustParameters forPeak(int peak) {
        double levels = Math.max(1.0, peak / 255.0);
        int step = (int) Math.max(1, Math.floor(levels / 4));
        return new RobustParameters(DEFAULT_MESSAGE_BITS, 4, 2, levels, step, 0, (int) Math.ceil(12 * levels / step), 1);
    }
}
