package org.cyberhealth.imaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.dicom.DicomFile;
import org.cyberhealth.imaging.dicom.DicomImageDocument;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.io.PlainImageDocument;

/** Opens an image file as the right {@link ImageDocument}: DICOM by content, PNG and TIFF by extension. */
public final class ImageDocuments {

    private ImageDocuments() {}

    public static ImageDocument open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no such file: " + file);
        }
        if (DicomFile.looksLikeDicom(file)) {
            return DicomImageDocument.read(file);
        }
        if (isPlainImage(file)) {
            return PlainImageDocument.read(file);
        }
        throw new BadInputException(file + " is neither DICOM nor a PNG or TIFF image");
    }

    /**
     * The samples of any readable image, JPEG included: what {@code trace} needs from a leaked copy,
     * which may come in a format the watermark was never written in.
     */
    public static Raster openAnyRaster(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no such file: " + file);
        }
        return DicomFile.looksLikeDicom(file) ? DicomImageDocument.read(file).raster() : ImageFiles.read(file).raster();
    }

    /** Whether a folder scan should pick up {@code file}: DICOM content, or a PNG/TIFF name. */
    public static boolean isImageFile(Path file) {
        return isPlainImage(file) || DicomFile.looksLikeDicom(file);
    }

    private static boolean isPlainImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".tif") || name.endsWith(".tiff");
    }
}
