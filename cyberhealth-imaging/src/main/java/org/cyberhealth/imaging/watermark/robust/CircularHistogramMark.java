package org.cyberhealth.imaging.watermark.robust;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * The circular histogram modulation of De Vleeschouwer, Delaigle and Macq, "Circular interpretation of
 * bijective transformations in lossless watermarking for media asset management", IEEE Trans.
 * Multimedia 5(1):97-105, 2003, kept as the baseline that {@link RobustMark} is measured against.
 *
 * <p>Each zone's pixels are split by the key into two pseudo-random subsets A and B. The gray levels
 * are read as angles on a circle ({@code 2 pi (v - min) / L} for the {@code L} levels of the range), so
 * that adding a constant modulo {@code L} is a bijection that rotates a subset's histogram, and its
 * centre of mass, around the circle. A bit is embedded by rotating A by {@code +shift} and B by
 * {@code -shift} levels (the other way for a 0); the reader compares the angles of the two centres of
 * mass, which for an unmarked zone are nearly equal. Removal rotates back, so it needs no side
 * information. Samples rotated past an end of the range wrap around to the other end: the
 * salt-and-pepper artefacts the paper accepts as the price of bijectivity.
 */
public final class CircularHistogramMark implements RobustWatermark {

    private final byte[] key;
    private final int messageBits;
    private final int zoneSide;
    private final int shift;

    /**
     * @param zoneSide side of the square zones, in pixels, whose pixels are split one by one
     * @param shift the rotation, in gray levels, applied to each subset
     */
    public CircularHistogramMark(byte[] key, int messageBits, int zoneSide, int shift) {
        if (key.length != 32 || messageBits <= 0 || zoneSide < 2 || shift <= 0) {
            throw new IllegalArgumentException("circular mark: " + key.length + "-byte key, " + messageBits + " bits, "
                    + zoneSide + "-pixel zones, shift " + shift);
        }
        this.key = key.clone();
        this.messageBits = messageBits;
        this.zoneSide = zoneSide;
        this.shift = shift;
    }

    /** The baseline's settings for {@code raster}: 16x16 zones, a rotation of two 8-bit gray levels. */
    public static CircularHistogramMark forRaster(byte[] key, Raster raster) {
        return new CircularHistogramMark(key, RobustParameters.DEFAULT_MESSAGE_BITS, 16,
                (int) Math.max(2, Math.round(2 * raster.peak() / 255.0)));
    }

    @Override
    public String name() {
        return "circular-2003";
    }

    @Override
    public int messageBits() {
        return messageBits;
    }

    @Override
    public Bits embed(Raster raster, Region region, Bits message) {
        rotate(raster, region, message, 1);
        return new Bits(0);
    }

    @Override
    public void remove(Raster marked, Region region, Bits message, Bits sideInformation) {
        rotate(marked, region, message, -1);
    }

    private void rotate(Raster raster, Region region, Bits message, int direction) {
        ZoneLayout layout = layout(raster, message.length());
        long levels = (long) raster.peak() + 1;
        for (int zone = 0; zone < layout.zoneCount(); zone++) {
            long amount = (message.get(layout.bitOf(zone)) ? shift : -shift) * (long) direction;
            int z = zone;
            layout.forEachPixel(zone, (x, y, unit) -> {
                boolean subsetA = layout.inSubsetA(z, unit);
                if (region.mayChange(x, y)) {
                    long position = (long) raster.get(x, y) - raster.minValue() + (subsetA ? amount : -amount);
                    raster.set(x, y, (int) (Math.floorMod(position, levels) + raster.minValue()));
                }
            });
        }
    }

    @Override
    public RobustReading read(Raster suspect) {
        ZoneLayout layout = layout(suspect, messageBits);
        double radiansPerLevel = 2 * Math.PI / ((double) suspect.peak() + 1);
        double[] sums = new double[messageBits];
        int[] counts = new int[messageBits];
        double squares = 0;
        for (int zone = 0; zone < layout.zoneCount(); zone++) {
            double[] centres = new double[4];
            int z = zone;
            layout.forEachPixel(zone, (x, y, unit) -> {
                boolean subsetA = layout.inSubsetA(z, unit);
                double angle = (suspect.get(x, y) - suspect.minValue()) * radiansPerLevel;
                int at = subsetA ? 0 : 2;
                centres[at] += Math.cos(angle);
                centres[at + 1] += Math.sin(angle);
            });
            // The angle from B's centre of mass to A's: positive when A was rotated up.
            double angle = Math.atan2(centres[1] * centres[2] - centres[0] * centres[3],
                    centres[0] * centres[2] + centres[1] * centres[3]);
            sums[layout.bitOf(zone)] += angle;
            counts[layout.bitOf(zone)]++;
            squares += angle * angle;
        }
        return RobustReading.ofZoneSums(sums, counts, squares / layout.zoneCount());
    }

    private ZoneLayout layout(Raster raster, int length) {
        if (length != messageBits) {
            throw new IllegalArgumentException("message of " + length + " bits; this mark carries " + messageBits);
        }
        return ZoneLayout.of(key, raster.width(), raster.height(), length, 1, zoneSide);
    }
}
