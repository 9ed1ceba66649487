package org.cyberhealth.imaging;

import java.util.Arrays;

/**
 * A rectangular grid of integer samples together with the range a sample may legally take (for a
 * DICOM image: Bits Stored and Pixel Representation; for an 8-bit PNG: 0..255). Multi-channel and
 * multi-frame images are stacked as planes one below the other, so that every watermarking scheme
 * works on one grid.
 *
 * <p>The samples array is shared, not copied: the watermarking schemes modify rasters in place, which
 * keeps memory at one copy of the image.
 */
public final class Raster {

    private final int width;
    private final int height;
    private final int[] samples;
    private final int minValue;
    private final int maxValue;

    private Raster(int width, int height, int[] samples, int minValue, int maxValue) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("raster size " + width + "x" + height);
        }
        if ((long) width * height != samples.length) {
            throw new IllegalArgumentException(
                    "raster " + width + "x" + height + " needs " + (long) width * height + " samples, got " + samples.length);
        }
        if (minValue > maxValue) {
            throw new IllegalArgumentException("range " + minValue + ".." + maxValue);
        }
        this.width = width;
        this.height = height;
        this.samples = samples;
        this.minValue = minValue;
        this.maxValue = maxValue;
    }

    /** Wraps {@code samples} (row-major, not copied). Every sample must lie in {@code [minValue, maxValue]}. */
    public static Raster wrap(int width, int height, int[] samples, int minValue, int maxValue) {
        return new Raster(width, height, samples, minValue, maxValue);
    }

    /** A zero-filled raster (zero clamped into the range). */
    public static Raster blank(int width, int height, int minValue, int maxValue) {
        int[] samples = new int[Math.multiplyExact(width, height)];
        int fill = Math.max(minValue, Math.min(maxValue, 0));
        if (fill != 0) {
            Arrays.fill(samples, fill);
        }
        return new Raster(width, height, samples, minValue, maxValue);
    }

    /** The legal range of {@code bitsStored}-bit samples, signed or unsigned. */
    public static int minOf(int bitsStored, boolean signed) {
        return signed ? -(1 << (bitsStored - 1)) : 0;
    }

    public static int maxOf(int bitsStored, boolean signed) {
        return signed ? (1 << (bitsStored - 1)) - 1 : (int) ((1L << bitsStored) - 1);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int size() {
        return samples.length;
    }

    public int minValue() {
        return minValue;
    }

    public int maxValue() {
        return maxValue;
    }

    /** The peak-to-peak range used for PSNR: {@code maxValue - minValue}. */
    public int peak() {
        return maxValue - minValue;
    }

    public int get(int x, int y) {
        return samples[y * width + x];
    }

    public void set(int x, int y, int value) {
        samples[y * width + x] = value;
    }

    /** The backing array, row-major; changes write through. */
    public int[] samples() {
        return samples;
    }

    public Raster copy() {
        return new Raster(width, height, samples.clone(), minValue, maxValue);
    }

    /** Whether every sample lies in the legal range. */
    public boolean inRange() {
        for (int v : samples) {
            if (v < minValue || v > maxValue) {
                return false;
            }
        }
        return true;
    }

    /** Same size, range and samples. */
    public boolean sameAs(Raster other) {
        return other.width == width && other.height == height && other.minValue == minValue
                && other.maxValue == maxValue && Arrays.equals(other.samples, samples);
    }
}
