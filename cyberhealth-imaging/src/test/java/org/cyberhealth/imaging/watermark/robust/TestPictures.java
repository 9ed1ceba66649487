package org.cyberhealth.imaging.watermark.robust;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.io.ImageFiles;

/** Pictures for the robust mark's tests: the copied Airplane and CT slice, and synthetic ones. */
final class TestPictures {

    private TestPictures() {}

    static Raster airplane() {
        return resource("/classic/Airplane.png");
    }

    /** A real abdominal CT slice, stored values (HU + 1024) in a 12-bit range. */
    static Raster ctSlice() {
        Raster sixteenBit = resource("/openjph-ct/ct-abdomen-0-stored12.png");
        return Raster.wrap(sixteenBit.width(), sixteenBit.height(), sixteenBit.samples(), 0, 4095);
    }

    private static Raster resource(String name) {
        try {
            return ImageFiles.read(Path.of(TestPictures.class.getResource(name).toURI())).raster();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A smooth picture with texture and noise spanning {@code min..max}, whose left quarter is stuck at
     * the minimum and whose top eighth is stuck at the maximum, like air and metal in a CT slice.
     */
    static Raster withSaturatedAreas(int size, int min, int max, long seed) {
        Random random = new Random(seed);
        Raster raster = Raster.blank(size, size, min, max);
        double span = (double) max - min;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double value;
                if (x < size / 4) {
                    value = min;
                } else if (y < size / 8) {
                    value = max;
                } else {
                    double smooth = 0.5 + 0.3 * Math.sin(x / 23.0) * Math.cos(y / 31.0);
                    value = min + span * smooth + span * 0.02 * random.nextGaussian();
                }
                raster.set(x, y, (int) Math.max(min, Math.min(max, Math.round(value))));
            }
        }
        return raster;
    }

    /**
     * A dark picture in a 12-bit range, like an MR slice: a noisy black background (levels 0 to about 30)
     * around a textured disc whose levels run continuously from 0 to about 500, so that all its data lie in
     * the lowest eighth of the range and every guard level inside them has zones just above it.
     */
    static Raster darkWithNoisyBackground(int size, long seed) {
        Random random = new Random(seed);
        Raster raster = Raster.blank(size, size, 0, 4095);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = x - size / 2.0;
                double dy = y - size / 2.0;
                double value = dx * dx + dy * dy < size * size / 9.0
                        ? 250 + 250 * Math.sin(x / 11.0) * Math.cos(y / 17.0) + 10 * random.nextGaussian()
                        : 10 * Math.abs(random.nextGaussian());
                raster.set(x, y, (int) Math.max(0, Math.min(4095, Math.round(value))));
            }
        }
        return raster;
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return key;
    }
}
