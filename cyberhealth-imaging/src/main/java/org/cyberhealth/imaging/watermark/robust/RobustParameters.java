package org.cyberhealth.imaging.watermark.robust;

/**
 * The tuning of a {@link RobustMark}.
 *
 * @param messageBits the length of the carried code
 * @param unit side of the square pixel blocks the subsets are made of (4, with 2 blocks a side, makes
 *     each zone one 8x8 JPEG block)
 * @param zoneUnits a zone is {@code zoneUnits x zoneUnits} blocks, half of them in subset A
 * @param margin the mean A-B difference, in gray levels of the marked raster, each bit must reach
 * @param step gray levels per strength step (1 for 8-bit; coarser for wider ranges, to keep the side
 *     information short)
 * @param minStrength the smallest strength, in steps, applied to every marked bit
 * @param maxStrength the largest strength, in steps, the embedder may choose for a bit
 */
public record RobustParameters(int messageBits, int unit, int zoneUnits, double margin, int step, int minStrength, int maxStrength) {

    /** The recipient codes the lead's container carries are 64 bits. */
    public static final int DEFAULT_MESSAGE_BITS = 64;

    public RobustParameters {
        if (messageBits <= 0 || unit <= 0 || zoneUnits < 2) {
            throw new IllegalArgumentException("robust mark layout " + messageBits + " bits, " + unit + "-pixel blocks, "
                    + zoneUnits + " blocks a side");
        }
        if (!(margin >= 0) || step < 1 || minStrength < 0 || maxStrength < minStrength) {
            throw new IllegalArgumentException("robust mark strength " + minStrength + ".." + maxStrength + ", margin " + margin);
        }
    }

    /**
     * Defaults for a raster whose range spans {@code peak} gray levels, measured with
     * {@code RobustnessBench} on the classic images, chest X-rays and CT slices: 4x4-pixel blocks in
     * 8x8 zones (one JPEG block each); a margin of one 8-bit gray level, scaled to the range so that it
     * is still about one level after windowing the whole range to 8 bits; strength steps of a quarter
     * of an 8-bit level, up to 12 levels. Wider ranges also shift every zone of every bit by at least
     * three quarters of an 8-bit level, so that each zone, not only a bit's total, carries the mark
     * when a narrow window clips the rest of the picture (without it, 4 of 30 CT runs lost one bit to a
     * soft-tissue window and JPEG 75; with it none did, for 0.2 dB).
     */
    public static RobustParameters forPeak(int peak) {
        double levels = Math.max(1.0, peak / 255.0);
        int step = (int) Math.max(1, Math.floor(levels / 4));
        int minStrength = (int) Math.floor(0.75 * levels / step);
        return new RobustParameters(DEFAULT_MESSAGE_BITS, 4, 2, levels, step, minStrength, (int) Math.ceil(12 * levels / step));
    }
}
