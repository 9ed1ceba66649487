package org.cyberhealth.imaging;

import java.nio.file.Path;
import java.util.Map;

/**
 * An image file as the watermarking commands see it: its samples as one {@link Raster}, the attributes
 * that identify it, and a way to write the same file back with other sample values. Everything but the
 * samples is kept (for DICOM, byte for byte).
 */
public interface ImageDocument {

    /** The file it was read from. */
    Path path();

    /** A short description of the format, e.g. "DICOM, Explicit VR Little Endian" or "PNG". */
    String format();

    /**
     * Whether the file holds pixels at all: a study folder also holds DICOM objects without any (reports,
     * presentation states), which are handed out unchanged.
     */
    default boolean hasPixels() {
        return true;
    }

    /** A fresh copy of the samples, planes stacked vertically. */
    Raster raster();

    /** The rows of one plane (frame or colour channel), to tell planes apart in the stacked raster. */
    int planeRows();

    /** The identifying attributes the seal covers ({@link ImageIdentity#NONE} for plain images). */
    ImageIdentity identity();

    /** Writes this document to {@code target} with {@code samples} in place of its own, atomically. */
    void write(Raster samples, Path target, boolean overwrite);

    /** Facts for {@code inspect}: dimensions, bit depth, identifying attributes. */
    Map<String, Object> describe();
}
