package org.cyberhealth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.io.PlainImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNG and TIFF, gray and colour, through the command line; a leaked copy as a real JPEG file. */
class PlainImageCommandTest {

    @TempDir
    Path dir;

    /** A smooth colour picture with sensor-like noise (fixed seed), three planes stacked. */
    private static PlainImage rgb(int size) {
        Random random = new Random(11);
        int[] s = new int[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 128 + 60 * Math.sin((x + 40 * c) / 23.0) * Math.cos(y / 31.0) + random.nextGaussian() * 2;
                    s[(c * size + y) * size + x] = (int) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return new PlainImage(Raster.wrap(size, 3 * size, s, 0, 255), 3, 8);
    }

    @Test
    void colourPngRoundTripsThroughMarkVerifyRestore() {
        PlainImage original = rgb(256);
        Path png = dir.resolve("photo.png");
        ImageFiles.write(original, png, false);
        Path key = dir.resolve("k.key");
        CliRun.of("keys", "new", "--issuer", "T", "--out", key.toString());
        Path marked = dir.resolve("marked.tiff");
        // The output format follows the output's extension: a PNG in, a TIFF out.
        CliRun mark = CliRun.of("image", "mark", png.toString(), "--key", key.toString(), "--recipient", "lab-1", "--out", marked.toString());
        assertThat(mark.exitCode()).as(mark.out() + mark.err()).isZero();
        assertThat(CliRun.of("image", "verify", marked.toString(), "--key", key.toString()).exitCode()).isZero();
        Path restored = dir.resolve("restored.png");
        assertThat(CliRun.of("image", "restore", marked.toString(), "--key", key.toString(), "--out", restored.toString()).exitCode()).isZero();
        assertThat(ImageFiles.read(restored).raster().sameAs(original.raster())).isTrue();
    }

    @Test
    void aLeakedJpegOfAGrayImageNamesTheRecipient() throws Exception {
        PlainImage colour = rgb(384);
        Raster gray = Raster.wrap(384, 384, java.util.Arrays.copyOf(colour.raster().samples(), 384 * 384), 0, 255);
        Path png = dir.resolve("gray.png");
        ImageFiles.write(PlainImage.gray(gray), png, false);
        Path key = dir.resolve("k.key");
        CliRun.of("keys", "new", "--issuer", "T", "--out", key.toString());
        Path marked = dir.resolve("marked.png");
        CliRun.of("image", "mark", png.toString(), "--key", key.toString(), "--recipient", "lab-9", "--out", marked.toString());
        CliRun.of("image", "mark", png.toString(), "--key", key.toString(), "--recipient", "lab-3", "--out", dir.resolve("other.png").toString());

        BufferedImage image = ImageIO.read(marked.toFile());
        Path jpeg = dir.resolve("leaked.jpg");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.75f);
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(jpeg.toFile())) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        CliRun trace = CliRun.of("image", "trace", jpeg.toString(), "--key", key.toString());
        assertThat(trace.exitCode()).as(trace.out() + trace.err()).isZero();
        assertThat(trace.out()).contains("recipient lab-9");
    }
}
