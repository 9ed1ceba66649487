package org.cyberhealth.imaging.watermark.reversible;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;

/** Test images: the classic 8-bit images in the test resources and synthetic rasters. */
final class TestImages {

    private TestImages() {
    }

    /** A folder of the shared data set ($CYBERHEALTH_SHARED_DATA, else /work/shared/data), or null if absent. */
    static Path sharedData(String folder) {
        for (String root : new String[] {System.getenv("CYBERHEALTH_SHARED_DATA"), "/work/shared/data"}) {
            if (root != null && Files.isDirectory(Path.of(root, folder))) {
                return Path.of(root, folder);
            }
        }
        return null;
    }

    /** A grayscale PNG from {@code src/test/resources/classic}. */
    static Raster classic(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/classic/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /classic/" + name);
            }
            return gray(ImageIO.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Baboon darkened by 100 levels and clipped at 0: blocks with many samples at the range limit. */
    static Raster clippedBaboon() {
        Raster baboon = classic("Baboon.png");
        int[] samples = baboon.samples().clone();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Math.max(0, samples[i] - 100);
        }
        return Raster.wrap(baboon.width(), baboon.height(), samples, 0, 255);
    }

    static Raster png(Path path) {
        try {
            return gray(ImageIO.read(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Raster gray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] samples = new int[w * h];
        image.getRaster().getSamples(0, 0, w, h, 0, samples);
        return Raster.wrap(w, h, samples, 0, 255);
    }

    static Raster noise(int w, int h, int min, int max, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] samples = new int[w * h];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (int) (min + random.nextLong((long) max - min + 1));
        }
        return Raster.wrap(w, h, samples, min, max);
    }

    /** A smooth synthetic image (gradient plus mild noise) spanning most of the range. */
    static Raster smooth(int w, int h, int min, int max, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] samples = new int[w * h];
        long span = (long) max - min;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long base = min + span * (x + y) / (w + h) + random.nextInt(5) - 2;
                samples[y * w + x] = (int) Math.max(min, Math.min(max, base));
            }
        }
        return Raster.wrap(w, h, samples, min, max);
    }

    static Bits randomBits(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Bits bits = new Bits(Math.max(1, length));
        for (int i = 0; i < length; i++) {
            bits.append(random.nextBoolean());
        }
        return bits;
    }
}
