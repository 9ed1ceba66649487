package org.cyberhealth.imaging;

import java.util.BitSet;

/**
 * The part of a raster a scheme may change: a rectangle, minus an optional set of protected samples
 * (a region of interest that must stay untouched). Protected samples may still be read as context.
 */
public final class Region {

    private final int x;
    private final int y;
    private final int width;
    private final int height;
    private final BitSet protectedSamples;
    private final int rasterWidth;

    private Region(int x, int y, int width, int height, BitSet protectedSamples, int rasterWidth) {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region " + x + "," + y + " " + width + "x" + height);
        }
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.protectedSamples = protectedSamples;
        this.rasterWidth = rasterWidth;
    }

    /** The whole raster, nothing protected. */
    public static Region whole(Raster raster) {
        return new Region(0, 0, raster.width(), raster.height(), null, raster.width());
    }

    public static Region rectangle(Raster raster, int x, int y, int width, int height) {
        if (x + width > raster.width() || y + height > raster.height()) {
            throw new IllegalArgumentException("region leaves the " + raster.width() + "x" + raster.height() + " raster");
        }
        return new Region(x, y, width, height, null, raster.width());
    }

    /**
     * This region without the samples set in {@code protectedSamples} (indexed {@code y * rasterWidth + x}
     * over the whole raster). The set is shared, not copied, and an empty one is dropped: fill it before
     * excluding it.
     */
    public Region excluding(BitSet protectedSamples) {
        // an empty set protects nothing: drop it, so that mayChange does not look every sample up
        return new Region(x, y, width, height, protectedSamples.isEmpty() ? null : protectedSamples, rasterWidth);
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Whether the sample at raster coordinates ({@code px}, {@code py}) is inside and may be changed. */
    public boolean mayChange(int px, int py) {
        if (px < x || py < y || px >= x + width || py >= y + height) {
            return false;
        }
        return protectedSamples == null || !protectedSamples.get(py * rasterWidth + px);
    }

    /** Whether every sample of the {@code w x h} rectangle at ({@code px}, {@code py}) is inside and may be changed. */
    public boolean mayChangeAll(int px, int py, int w, int h) {
        return protectedSamples == null && px >= x && py >= y && px + w <= x + width && py + h <= y + height;
    }

    /** Whether ({@code px}, {@code py}) lies in the rectangle, protected or not. */
    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < x + width && py < y + height;
    }

    public long area() {
        return (long) width * height;
    }
}
