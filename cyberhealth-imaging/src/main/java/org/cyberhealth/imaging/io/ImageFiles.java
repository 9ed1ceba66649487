package org.cyberhealth.imaging.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;

/**
 * Reads and writes gray and RGB images, 8 or 16 bits per sample, as PNG or TIFF through the JDK's
 * javax.imageio plugins. Samples go through the image's raster unchanged, so 16-bit files round-trip
 * exactly.
 */
public final class ImageFiles {

    /** Larger pictures are refused before decoding, to bound memory. */
    static final long MAX_PIXELS = 1L << 26;

    private ImageFiles() {}

    /** Reads the first image of a PNG or TIFF file. */
    public static PlainImage read(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null || !Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadInputException(file + " is not a PNG or TIFF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new BadInputException(file + " has " + pixels + " pixels, more than the limit of " + MAX_PIXELS);
                }
                BufferedImage image = reader.read(0);
                return BufferedImages.toPlain(image, file.toString());
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + file);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException(file + " is not a readable image: " + e.getMessage(), e);
        }
    }

    /** Writes {@code image} to {@code file} in {@code format}, atomically. */
    public static void write(PlainImage image, Path file, ImageFormat format, boolean overwrite) {
        BufferedImage buffered = BufferedImages.toBuffered(image);
        AtomicOutput.write(file, overwrite, out -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName());
            if (!writers.hasNext()) {
                throw new IOException("this Java runtime has no " + format + " writer");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(buffered);
            } finally {
                writer.dispose();
            }
        });
    }

    /** Writes in the format the file name's extension asks for. */
    public static void write(PlainImage image, Path file, boolean overwrite) {
        write(image, file, ImageFormat.ofFileName(file), overwrite);
    }
}
