package org.cyberhealth.imaging.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cyberhealth.imaging.ImageDocument;
import org.cyberhealth.imaging.ImageIdentity;
import org.cyberhealth.imaging.Raster;

/**
 * A PNG or TIFF file as an {@link ImageDocument}. Such files carry no identifying attributes, and
 * writing them back re-encodes the pixels: restoration is exact for the samples, not for the file's bytes.
 */
public final class PlainImageDocument implements ImageDocument {

    private final Path path;
    private final PlainImage image;
    private final ImageFormat format;

    private PlainImageDocument(Path path, PlainImage image, ImageFormat format) {
        this.path = path;
        this.image = image;
        this.format = format;
    }

    public static PlainImageDocument read(Path file) {
        return new PlainImageDocument(file, ImageFiles.read(file), ImageFormat.ofFileName(file));
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String format() {
        return format.name();
    }

    @Override
    public Raster raster() {
        return image.raster().copy();
    }

    @Override
    public int planeRows() {
        return image.rows();
    }

    @Override
    public ImageIdentity identity() {
        return ImageIdentity.NONE;
    }

    @Override
    public void write(Raster samples, Path target, boolean overwrite) {
        ImageFiles.write(new PlainImage(samples, image.channels(), image.bitDepth()), target, ImageFormat.ofFileName(target), overwrite);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("format", format.name());
        facts.put("width", image.width());
        facts.put("height", image.rows());
        facts.put("channels", image.channels());
        facts.put("bitsPerSample", image.bitDepth());
        return facts;
    }
}
