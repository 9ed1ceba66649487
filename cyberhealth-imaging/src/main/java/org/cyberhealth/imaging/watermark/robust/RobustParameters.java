package org.cyberhealth.imaging.watermark.robust;

/**
 * The tuning of a {@link RobustMark}.
 *
 * @param messageBits the length of the carried code
 * @param unit side of the square pixel blocks the subsets are made of (8 matches the JPEG grid)
 * @param zoneUnits a zone is {@code zoneUnits x zoneUnits} blocks, half of them in subset A
 * @param margin the mean A-B difference, in gray levels of the marked raster, each bit must reach
 * @param minStrength the smallest shift, in gray levels, applied to every marked bit
 * @param maxStrength the largest shift the embedder may choose for a bit
 * @param bands the margin must hold within each of this many intensity bands of a bit's zones
 */
public record RobustParameters(int messageBits, int unit, int zoneUnits, double margin, int minStrength, int maxStrength, int bands) {

    /** The recipient codes the lead's container carries are 64 bits. */
    public static final int DEFAULT_MESSAGE_BITS = 64;

    public RobustParameters {
        if (messageBits <= 0 || unit <= 0 || zoneUnits < 2) {
            throw new IllegalArgumentException("robust mark layout " + messageBits + " bits, " + unit + "-pixel blocks, "
                    + zoneUnits + " blocks a side");
        }
        if (!(margin >= 0) || minStrength < 0 || maxStrength < minStrength || bands < 1) {
            throw new IllegalArgumentException("robust mark strength " + minStrength + ".." + maxStrength + ", margin " + margin);
        }
    }

    /**
     * Defaults for a raster whose range spans {@code peak} gray levels. An 8-bit picture needs a margin
     * of 1.5 levels to survive JPEG at quality 50 and noise of sigma 8 (measured by
     * {@code RobustnessBench}); wider ranges scale it so that the mark still shows after windowing to
     * 8 bits.
     */
    public static RobustParameters forPeak(int peak) {
        double levels = Math.max(1.0, peak / 255.0);
        return new RobustParameters(DEFAULT_MESSAGE_BITS, Integer.getInteger("u", 4), Integer.getInteger("z", 2), Double.parseDouble(System.getProperty("m", "1.0")) * levels, (int) Math.round(Double.parseDouble(System.getProperty("min", "0")) * levels), (int) Math.ceil(12 * levels), Integer.getInteger("b", levels > 1 ? 4 : 1));
    }
}
