package org.cyberhealth.imaging.attack;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.cyberhealth.imaging.Raster;

/**
 * Lossy JPEG re-encoding of an 8-bit gray raster at a quality between 1 and 100, with the JDK's
 * baseline JPEG writer (IJG quantisation tables scaled by quality), then decoded again.
 */
public record JpegRecompression(int quality) implements Attack {

    public JpegRecompression {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + " (1..100)");
        }
    }

    @Override
    public String name() {
        return "jpeg q" + quality;
    }

    @Override
    public Raster apply(Raster raster) {
        if (raster.minValue() != 0 || raster.maxValue() != 255) {
            throw new IllegalArgumentException("JPEG re-encoding needs an 8-bit raster (window a wider one first), got range "
                    + raster.minValue() + ".." + raster.maxValue());
        }
        BufferedImage gray = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, raster.width(), raster.height(), 0, raster.samples());
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encode(gray)));
            int[] samples = decoded.getRaster().getSamples(0, 0, raster.width(), raster.height(), 0,
                    new int[raster.size()]);
            return Raster.wrap(raster.width(), raster.height(), samples, 0, 255);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip failed: " + e.getMessage(), e);
        }
    }

    private byte[] encode(BufferedImage gray) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(gray, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
