package org.cyberhealth.imaging.attack;

import java.util.Random;
import org.cyberhealth.imaging.Raster;

/**
 * Adds independent Gaussian noise of standard deviation {@code sigma} (in the raster's gray levels) to
 * every sample, rounds, and clamps into the raster's range. The seed makes the attack repeatable.
 */
public record GaussianNoise(double sigma, long seed) implements Attack {

    public GaussianNoise {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("noise sigma " + sigma);
        }
    }

    @Override
    public String name() {
        return "noise sigma " + (sigma == Math.rint(sigma) ? String.valueOf((long) sigma) : String.valueOf(sigma));
    }

    @Override
    public Raster apply(Raster raster) {
        Random random = new Random(seed);
        int[] samples = raster.samples().clone();
        for (int i = 0; i < samples.length; i++) {
            long noisy = Math.round(samples[i] + sigma * random.nextGaussian());
            samples[i] = (int) Math.max(raster.minValue(), Math.min(raster.maxValue(), noisy));
        }
        return Raster.wrap(raster.width(), raster.height(), samples, raster.minValue(), raster.maxValue());
    }
}
