package org.cyberhealth.imaging;

/** How close a changed raster stays to its original. */
public final class Fidelity {

    private Fidelity() {}

    /**
     * Peak signal-to-noise ratio in dB, with the original's legal range ({@code maxValue - minValue}) as
     * the peak, as the reversible-watermarking literature reports it; infinite when identical.
     */
    public static double psnr(Raster original, Raster changed) {
        if (original.size() != changed.size()) {
            throw new IllegalArgumentException("rasters of different sizes");
        }
        int[] a = original.samples();
        int[] b = changed.samples();
        double squares = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            squares += d * d;
        }
        if (squares == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double peak = original.peak();
        return 10 * Math.log10(peak * peak * a.length / squares);
    }
}
