package org.cyberhealth.assess.exfiltration;

/**
 * How close a stolen image is to the original, both in [0, 1] (peak 1), row by row, {@code side x side}.
 *
 * <p>PSNR: 10 log10(1 / MSE) (infinite for identical images). SSIM (Wang, Bovik, Sheikh, Simoncelli, IEEE TIP
 * 2004): the mean over every fully inside 11 x 11 window (Gaussian weights, sigma 1.5) of
 * ((2 mu_x mu_y + C1)(2 s_xy + C2)) / ((mu_x^2 + mu_y^2 + C1)(s_x^2 + s_y^2 + C2)), C1 = 0.01^2, C2 = 0.03^2, the
 * paper's constants for a dynamic range of 1. MS-SSIM (Wang, Simoncelli, Bovik 2003) is not given: its five scales
 * halve the image four times and need sides of at least 176 pixels for the 11 x 11 window; our slices are 64.
 */
public final class ImageQuality {

    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] KERNEL = gaussian();

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
        if (original.length != side * side || side < WINDOW) {
            throw new IllegalArgumentException("SSIM needs square images of at least " + WINDOW + " pixels a side");
        }
        double total = 0;
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
                total += ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                windows++;
            }
        }
        return total / windows;
    }

    /** Means of PSNR and SSIM over pairs of images (PSNR capped at 100 dB so an exact copy does not give infinity). */
    public static double[] means(float[][] originals, float[][] rebuilt, int side) {
        double p = 0;
        double s = 0;
        for (int i = 0; i < originals.length; i++) {
            p += Math.min(100, psnr(originals[i], rebuilt[i]));
            s += ssim(originals[i], rebuilt[i], side);
        }
        return new double[] {p / originals.length, s / originals.length};
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
