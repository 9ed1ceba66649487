package org.cyberhealth.assess.exfiltration;

/**
 * How close a stolen image is to the original, both in [0, 1] (peak 1), row by row, {@code side x side}.
 *
 * <p>PSNR: 10 log10(1 / MSE) (infinite for identical images). SSIM (Wang, Bovik, Sheikh, Simoncelli, IEEE TIP
 * 2004): the mean over every fully inside 11 x 11 window (Gaussian weights, sigma 1.5) of
 * ((2 mu_x mu_y + C1)(2 s_xy + C2)) / ((mu_x^2 + mu_y^2 + C1)(s_x^2 + s_y^2 + C2)), C1 = 0.01^2, C2 = 0.03^2, the
 * paper's constants for a dynamic range of 1.
 *
 * <p>MS-SSIM (Wang, Simoncelli, Bovik, "Multiscale structural similarity for image quality assessment", Asilomar
 * 2003): the image is low-passed (2 x 2 mean) and halved between scales; every scale but the coarsest contributes
 * its mean contrast-structure term cs_j raised to beta_j, the coarsest its mean SSIM map (luminance times cs) raised
 * to beta_M, with the paper's five weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333. Five scales need sides of at
 * least 176 pixels for the 11 x 11 window, so a smaller image uses as many scales as fit (3 at 64 pixels: 64, 32, 16)
 * with the first weights rescaled to sum 1, which keeps one scale equal to SSIM. Negative
 * cs values are clipped to 0 before the fractional powers (as common implementations do), so MS-SSIM is in [0, 1].
 */
public final class ImageQuality {

    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] KERNEL = gaussian();
    private static final double[] SCALE_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

    private ImageQuality() {}

    public static double psnr(float[] original, float[] rebuilt) {
        check(original, rebuilt);
        double squared = 0;
        for (int q = 0; q < original.length; q++) {
            double d = original[q] - rebuilt[q];
            squared += d * d;
        }
        double mse = squared / original.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
    }

    public static double ssim(float[] original, float[] rebuilt, int side) {
        check(original, rebuilt);
        return maps(original, rebuilt, side)[0];
    }

    /** The number of MS-SSIM scales that fit a side: at most 5, each at least one window wide. */
    public static int scales(int side) {
        int m = 0;
        while (m < SCALE_WEIGHTS.length && (side >> m) >= WINDOW) {
            m++;
        }
        return m;
    }

    /** MS-SSIM with {@link #scales(int)} scales. */
    public static double msSsim(float[] original, float[] rebuilt, int side) {
        return msSsim(original, rebuilt, side, scales(side));
    }

    /** MS-SSIM with {@code scales} scales (1 to 5): the paper's weights for 5, the first ones rescaled to sum 1 for fewer. */
    public static double msSsim(float[] original, float[] rebuilt, int side, int scales) {
        check(original, rebuilt);
        if (scales < 1 || scales > scales(side)) {
            throw new IllegalArgumentException(side + " pixels a side allow 1 to " + scales(side) + " MS-SSIM scales, not " + scales);
        }
        return msSsim(original, rebuilt, side, scales, maps(original, rebuilt, side));
    }

    /** MS-SSIM whose first scale's {@link #maps} are already known (they are also SSIM's). */
    private static double msSsim(float[] original, float[] rebuilt, int side, int scales, double[] firstScale) {
        // The paper's five weights are used as published (they sum to 1.0001); fewer scales are rescaled to sum 1.
        double weightSum = scales == SCALE_WEIGHTS.length ? 1 : 0;
        for (int j = 0; j < scales && scales < SCALE_WEIGHTS.length; j++) {
            weightSum += SCALE_WEIGHTS[j];
        }
        float[] x = original;
        float[] y = rebuilt;
        int s = side;
        double product = 1;
        for (int j = 0; j < scales; j++) {
            double[] terms = j == 0 ? firstScale : maps(x, y, s);
            double value = j == scales - 1 ? terms[0] : terms[1];
            product *= Math.pow(Math.max(0, value), SCALE_WEIGHTS[j] / weightSum);
            if (j < scales - 1) {
                x = halved(x, s);
                y = halved(y, s);
                s /= 2;
            }
        }
        return product;
    }

    /** Means over the fully inside windows of the SSIM map and of its contrast-structure part. */
    private static double[] maps(float[] original, float[] rebuilt, int side) {
        if (original.length != side * side || side < WINDOW) {
            throw new IllegalArgumentException("SSIM needs square images of at least " + WINDOW + " pixels a side");
        }
        double total = 0;
        double structure = 0;
        int windows = 0;
        for (int top = 0; top + WINDOW <= side; top++) {
            for (int left = 0; left + WINDOW <= side; left++) {
                double mx = 0;
                double my = 0;
                for (int r = 0; r < WINDOW; r++) {
                    for (int c = 0; c < WINDOW; c++) {
                        double k = KERNEL[r] * KERNEL[c];
                        mx += k * original[(top + r) * side + left + c];
                        my += k * rebuilt[(top + r) * side + left + c];
                    }
                }
                double vx = 0;
                double vy = 0;
                double cxy = 0;
                for (int r = 0; r < WINDOW; r++) {
                    for (int c = 0; c < WINDOW; c++) {
                        double k = KERNEL[r] * KERNEL[c];
                        double dx = original[(top + r) * side + left + c] - mx;
                        double dy = rebuilt[(top + r) * side + left + c] - my;
                        vx += k * dx * dx;
                        vy += k * dy * dy;
                        cxy += k * dx * dy;
                    }
                }
                double cs = (2 * cxy + C2) / (vx + vy + C2);
                total += (2 * mx * my + C1) / (mx * mx + my * my + C1) * cs;
                structure += cs;
                windows++;
            }
        }
        return new double[] {total / windows, structure / windows};
    }

    /** 2 x 2 mean, then every other pixel: the low-pass and downsampling between MS-SSIM scales. */
    private static float[] halved(float[] image, int side) {
        int half = side / 2;
        float[] out = new float[half * half];
        for (int r = 0; r < half; r++) {
            for (int c = 0; c < half; c++) {
                int q = 2 * r * side + 2 * c;
                out[r * half + c] = (image[q] + image[q + 1] + image[q + side] + image[q + side + 1]) / 4;
            }
        }
        return out;
    }

    /**
     * Means of PSNR, SSIM and MS-SSIM over pairs of images (PSNR capped at 100 dB so an exact copy does not give
     * infinity).
     */
    public static double[] means(float[][] originals, float[][] rebuilt, int side) {
        double p = 0;
        double s = 0;
        double m = 0;
        for (int i = 0; i < originals.length; i++) {
            check(originals[i], rebuilt[i]);
            p += Math.min(100, psnr(originals[i], rebuilt[i]));
            double[] full = maps(originals[i], rebuilt[i], side);
            s += full[0];
            m += msSsim(originals[i], rebuilt[i], side, scales(side), full);
        }
        return new double[] {p / originals.length, s / originals.length, m / originals.length};
    }

    private static void check(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("images of " + a.length + " and " + b.length + " pixels");
        }
    }

    private static double[] gaussian() {
        double[] k = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += k[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            k[i] /= sum;
        }
        return k;
    }
}
