package org.cyberhealth.imaging.bench;

import org.cyberhealth.imaging.Raster;

/** A payload size for a benchmark: a fixed number of bits, or bits per pixel of the image. */
public record PayloadSize(String label, int fixedBits, double bitsPerPixel) {

    public static PayloadSize bits(int bits) {
        return new PayloadSize(bits + " bits", bits, 0);
    }

    public static PayloadSize bpp(double bitsPerPixel) {
        return new PayloadSize(bitsPerPixel + " bpp", -1, bitsPerPixel);
    }

    /** 10,000 bits, then 0.05, 0.1, 0.2, 0.3 and 0.5 bpp: the usual points of the literature. */
    public static java.util.List<PayloadSize> standard() {
        return java.util.List.of(bits(10_000), bpp(0.05), bpp(0.1), bpp(0.2), bpp(0.3), bpp(0.5));
    }

    public int bitsFor(Raster raster) {
        return fixedBits >= 0 ? fixedBits : (int) Math.round(bitsPerPixel * raster.size());
    }
}
