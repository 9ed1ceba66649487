package org.cyberhealth.imaging.watermark;

import java.nio.file.Path;
import java.util.BitSet;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.io.PlainImage;

/**
 * A part of every frame that marking must leave untouched (a lesion a radiologist will measure, say):
 * a rectangle or a mask image, given in the coordinates of one plane and applied to every plane of the
 * stacked raster. Marking leaves every block that meets it untouched.
 */
public final class RegionOfInterest {

    /** Nothing protected. */
    public static final RegionOfInterest NONE = new RegionOfInterest(null, 0, 0, 0, 0);

    private final boolean[] mask;
    private final int x;
    private final int y;
    private final int width;
    private final int height;

    private RegionOfInterest(boolean[] mask, int x, int y, int width, int height) {
        this.mask = mask;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    public static RegionOfInterest rectangle(int x, int y, int width, int height) {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new BadInputException("the region of interest needs x, y >= 0 and a positive width and height");
        }
        return new RegionOfInterest(null, x, y, width, height);
    }

    /** Parses "X,Y,W,H". */
    public static RegionOfInterest parseRectangle(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new BadInputException("a region of interest is X,Y,WIDTH,HEIGHT in pixels, got '" + text + "'");
        }
        try {
            return rectangle(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()), Integer.parseInt(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new BadInputException("a region of interest is X,Y,WIDTH,HEIGHT in whole pixels, got '" + text + "'");
        }
    }

    /** A mask image of one plane's size: every non-zero pixel is protected. */
    public static RegionOfInterest mask(Path file) {
        PlainImage image = ImageFiles.read(file);
        Raster r = image.raster();
        boolean[] m = new boolean[image.width() * image.rows()];
        for (int i = 0; i < m.length; i++) {
            m[i] = r.samples()[i] != 0;
        }
        return new RegionOfInterest(m, 0, 0, image.width(), image.rows());
    }

    public boolean isEmpty() {
        return mask == null && width == 0;
    }

    /** The protected samples of {@code raster} (row-major indices), the region repeated on every plane. */
    public BitSet samples(Raster raster, int planeRows) {
        BitSet set = new BitSet(raster.size());
        if (isEmpty()) {
            return set;
        }
        if (mask != null && (width != raster.width() || height != planeRows)) {
            throw new BadInputException("the mask is " + width + "x" + height + " but the image is " + raster.width() + "x" + planeRows);
        }
        if (mask == null && (x + width > raster.width() || y + height > planeRows)) {
            throw new BadInputException("the region of interest leaves the " + raster.width() + "x" + planeRows + " image");
        }
        for (int plane = 0; plane < raster.height() / planeRows; plane++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    if (mask == null || mask[r * width + c]) {
                        set.set((plane * planeRows + y + r) * raster.width() + x + c);
                    }
                }
            }
        }
        return set;
    }
}
