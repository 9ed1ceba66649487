package org.cyberhealth.imaging.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;

/**
 * Converts between {@link BufferedImage} and {@link PlainImage} through the sample rasters, never
 * through {@code getRGB}, which would squeeze 16-bit samples to 8 bits and apply colour conversion.
 */
final class BufferedImages {

    private BufferedImages() {}

    /** The samples of {@code image}; {@code what} names it in error messages. */
    static PlainImage toPlain(BufferedImage image, String what) {
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel) {
            throw new BadInputException(what + " has a palette; convert to gray or RGB first");
        }
        if (model.hasAlpha()) {
            throw new BadInputException(what + " has an alpha channel; convert to gray or RGB first");
        }
        WritableRaster source = image.getRaster();
        int bands = source.getNumBands();
        if (bands != 1 && bands != 3) {
            throw new BadInputException(what + " has " + bands + " channels; only gray and RGB are supported");
        }
        int dataType = source.getDataBuffer().getDataType();
        if (dataType != DataBuffer.TYPE_BYTE && dataType != DataBuffer.TYPE_USHORT) {
            throw new BadInputException(what + " has signed or floating-point samples; only unsigned 8 and 16 bit are supported");
        }
        int bitDepth = source.getSampleModel().getSampleSize(0);
        if (bitDepth != 8 && bitDepth != 16) {
            throw new BadInputException(what + " has " + bitDepth + "-bit samples; only 8 and 16 bit are supported");
        }
        int width = source.getWidth();
        int rows = source.getHeight();
        int[] samples = new int[Math.multiplyExact(Math.multiplyExact(width, rows), bands)];
        int[] plane = new int[width * rows];
        for (int band = 0; band < bands; band++) {
            source.getSamples(0, 0, width, rows, band, plane);
            System.arraycopy(plane, 0, samples, band * plane.length, plane.length);
        }
        Raster raster = Raster.wrap(width, rows * bands, samples, 0, (1 << bitDepth) - 1);
        return new PlainImage(raster, bands, bitDepth);
    }

    /** A buffered image holding {@code image}'s samples, ready for an image writer. */
    static BufferedImage toBuffered(PlainImage image) {
        int bitDepth = image.bitDepth();
        if (bitDepth != 8 && bitDepth != 16) {
            throw new BadInputException("cannot write " + bitDepth + "-bit samples; only 8 and 16 bit");
        }
        Raster raster = image.raster();
        int limit = (1 << bitDepth) - 1;
        if (raster.minValue() < 0 || raster.maxValue() > limit) {
            throw new BadInputException("raster range " + raster.minValue() + ".." + raster.maxValue()
                    + " does not fit unsigned " + bitDepth + "-bit samples");
        }
        int width = image.width();
        int rows = image.rows();
        BufferedImage buffered = emptyImage(width, rows, image.channels(), bitDepth);
        WritableRaster target = buffered.getRaster();
        int[] plane = new int[width * rows];
        for (int band = 0; band < image.channels(); band++) {
            System.arraycopy(raster.samples(), band * plane.length, plane, 0, plane.length);
            target.setSamples(0, 0, width, rows, band, plane);
        }
        return buffered;
    }

    private static BufferedImage emptyImage(int width, int rows, int channels, int bitDepth) {
        if (channels == 1) {
            return new BufferedImage(width, rows, bitDepth == 8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
        }
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {bitDepth, bitDepth, bitDepth}, false, false,
                Transparency.OPAQUE, bitDepth == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT);
        return new BufferedImage(model, model.createCompatibleWritableRaster(width, rows), false, null);
    }
}
