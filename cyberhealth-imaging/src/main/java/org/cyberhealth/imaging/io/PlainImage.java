package org.cyberhealth.imaging.io;

import org.cyberhealth.imaging.Raster;

/**
 * An image as read from or written to a plain file (PNG, TIFF, NumPy): the samples as one
 * {@link Raster}, plus what a writer needs to rebuild the file. Colour images keep their channels as
 * planes stacked vertically (red rows, then green, then blue), so the raster is {@code channels} times
 * as high as the picture.
 *
 * @param raster the samples, planes stacked vertically
 * @param channels 1 (gray) or 3 (RGB)
 * @param bitDepth bits per sample in the file (8, 16 or 32)
 */
public record PlainImage(Raster raster, int channels, int bitDepth) {

    public PlainImage {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels " + channels + " (1 or 3)");
        }
        if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) {
            throw new IllegalArgumentException("bit depth " + bitDepth + " (8, 16 or 32)");
        }
        if (raster.height() % channels != 0) {
            throw new IllegalArgumentException(
                    "raster height " + raster.height() + " is not a multiple of " + channels + " planes");
        }
    }

    /** A gray image whose bit depth is the smallest of 8 and 16 that holds the raster's range. */
    public static PlainImage gray(Raster raster) {
        return new PlainImage(raster, 1, raster.minValue() >= 0 && raster.maxValue() <= 255 ? 8 : 16);
    }

    /** The picture's width in pixels. */
    public int width() {
        return raster.width();
    }

    /** The picture's height in pixels: one plane's height. */
    public int rows() {
        return raster.height() / channels;
    }
}
