package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;

/**
 * A 512x512 16-bit image must read, convert and write in milliseconds. The bound is loose (shared CI
 * machines) but still fails on per-sample object churn or repeated whole-file copies.
 */
class PerformanceTest {

    @Test
    void aFiveHundredTwelveSquareSixteenBitImageIsProcessedInMilliseconds() {
        byte[] pixels = new byte[512 * 512 * 2];
        new SplittableRandom(7).nextBytes(pixels);
        for (int i = 1; i < pixels.length; i += 2) {
            pixels[i] &= 0x0F;
        }
        byte[] file = CraftedDicom.explicitLittleEndianImage(512, 512, 16, 12, 0, pixels);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 30; round++) {
            long start = System.nanoTime();
            DicomFile dicom = DicomFile.read(file);
            Raster raster = dicom.readRaster();
            raster.samples()[0] ^= 1;
            byte[] written = dicom.withRaster(raster).toBytes();
            best = Math.min(best, System.nanoTime() - start);
            assertThat(written).hasSameSizeAs(file);
        }
        System.out.printf("512x512x16 read + readRaster + withRaster + toBytes: best %.2f ms%n", best / 1e6);
        assertThat(best).isLessThan(50_000_000L);
    }
}
