package org.cyberhealth.assess.defence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.cyberhealth.ml.model.InputSpec;

/**
 * JPEG compression as an input transformation (Dziugaite, Ghahramani and Roy, "A study of the effect of JPG
 * compression on adversarial images", 2016; Guo, Rana, Cisse and van der Maaten, "Countering adversarial images using
 * input transformations", ICLR 2018): the image is quantised to 8 bits, encoded with the JDK's baseline JPEG writer at
 * the given quality and decoded, which discards the high-frequency detail that small perturbations live in. Grey
 * (one channel) or RGB (three) images; the JDK's codec is deterministic, so the same image always gives the same output.
 */
public final class JpegCompression implements Preprocessor {

    private final int quality;

    /** {@code quality} from 1 (smallest file) to 100, as image tools state it. */
    public JpegCompression(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1 to 100");
        }
        this.quality = quality;
    }

    @Override
    public float[] apply(float[] image, InputSpec input) {
        int h = input.height();
        int w = input.width();
        int channels = input.channels();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("JPEG takes grey or RGB images, not " + channels + " channels");
        }
        double span = input.upper() - input.lower();
        BufferedImage picture = new BufferedImage(w, h, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (channels == 1) {
                    picture.getRaster().setSample(x, y, 0, level(image[y * w + x], input, span));
                } else {
                    int rgb = 0;
                    for (int c = 0; c < 3; c++) {
                        rgb = rgb << 8 | level(image[c * h * w + y * w + x], input, span);
                    }
                    picture.setRGB(x, y, rgb);
                }
            }
        }
        BufferedImage decoded = decode(encode(picture));
        float[] out = new float[image.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (channels == 1) {
                    out[y * w + x] = (float) (input.lower() + span * decoded.getRaster().getSample(x, y, 0) / 255.0);
                } else {
                    int rgb = decoded.getRGB(x, y);
                    for (int c = 0; c < 3; c++) {
                        out[c * h * w + y * w + x] = (float) (input.lower() + span * (rgb >> (16 - 8 * c) & 0xff) / 255.0);
                    }
                }
            }
        }
        input.clip(out);
        return out;
    }

    private static int level(float value, InputSpec input, double span) {
        return (int) Math.max(0, Math.min(255, Math.round((value - input.lower()) / span * 255)));
    }

    private byte[] encode(BufferedImage picture) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(picture, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG decoding in memory failed", e);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "JPEG quality %d", quality);
    }
}
