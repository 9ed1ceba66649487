package org.cyberhealth.imaging.io;

import java.nio.file.Path;
import java.util.Locale;
import org.cyberhealth.core.BadInputException;

/** The raster file formats written through javax.imageio. */
public enum ImageFormat {
    PNG("png"),
    TIFF("tiff");

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The format name javax.imageio knows the writer by. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The format a file name's extension asks for ({@code .png}, {@code .tif}, {@code .tiff}). */
    public static ImageFormat ofFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return PNG;
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            return TIFF;
        }
        throw new BadInputException("cannot tell the image format of " + file + " (use .png, .tif or .tiff)");
    }
}
