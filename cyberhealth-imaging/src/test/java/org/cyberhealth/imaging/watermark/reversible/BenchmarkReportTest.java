package org.cyberhealth.imaging.watermark.reversible;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.bench.CapacityDistortionBench;
import org.cyberhealth.imaging.bench.CapacityDistortionBench.NamedRaster;
import org.cyberhealth.imaging.bench.PayloadSize;
import org.junit.jupiter.api.Test;

/** Prints the benchmark table on the shared data set; runs only when asked (-Dbench=true). */
class BenchmarkReportTest {

    @Test
    void printsClassicTable() {
        assumeTrue(Boolean.getBoolean("bench"), "benchmark report runs only with -Dbench=true");
        Path dir = TestImages.sharedData("images/classic");
        assumeTrue(dir != null, "shared classic images absent");
        List<NamedRaster> images = new ArrayList<>();
        for (String name : System.getProperty("bench.images", "Baboon,Airplane,Peppers,Man,Crowd").split(",")) {
            images.add(new NamedRaster(name, TestImages.png(dir.resolve(name + ".png"))));
        }
        List<ReversibleScheme> schemes = new ArrayList<>(List.of(new Sachnev2009Scheme(), new AdaptiveMhmScheme()));
        List<PayloadSize> sizes = Boolean.getBoolean("bench.quick") ? List.of(PayloadSize.bits(10_000)) : PayloadSize.standard();
        System.out.println(CapacityDistortionBench.markdown(new CapacityDistortionBench(3).run(images, schemes, sizes)));
    }

    @Test
    void printsMedicalTable() throws Exception {
        assumeTrue(Boolean.getBoolean("bench"), "benchmark report runs only with -Dbench=true");
        Path dir = TestImages.sharedData("images/openjph");
        assumeTrue(dir != null, "shared openjph images absent");
        List<NamedRaster> images = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            double[][] hu = TestImages.npy(dir.resolve("ct-abdomen-" + i + ".npy"));
            images.add(new NamedRaster("ct-abdomen-" + i + " (int16)", ct(hu, 0, -32768, 32767)));
            images.add(new NamedRaster("ct-abdomen-" + i + " (12-bit, HU+1024)", ct(hu, 1024, 0, 4095)));
        }
        double[][] xray = TestImages.npy(dir.resolve("xray-chest-0.npy"));
        images.add(new NamedRaster("xray-chest-0 (8-bit)", ct(xray, 0, 0, 255)));
        List<ReversibleScheme> schemes = List.of(new Sachnev2009Scheme(), new AdaptiveMhmScheme());
        List<PayloadSize> sizes = Boolean.getBoolean("bench.quick") ? List.of(PayloadSize.bits(10_000)) : PayloadSize.standard();
        System.out.println(CapacityDistortionBench.markdown(new CapacityDistortionBench(3).run(images, schemes, sizes)));
    }

    /** Per-block timing: 256 blocks of 32x32 on a 512x512 CT slice, 200 bits each, as the container does. */
    @Test
    void printsBlockTimings() throws Exception {
        assumeTrue(Boolean.getBoolean("bench"), "benchmark report runs only with -Dbench=true");
        Path dir = TestImages.sharedData("images/openjph");
        assumeTrue(dir != null, "shared openjph images absent");
        Raster slice = ct(TestImages.npy(dir.resolve("ct-abdomen-0.npy")), 0, -32768, 32767);
        for (ReversibleScheme scheme : List.of(new Sachnev2009Scheme(), new AdaptiveMhmScheme())) {
            long bestEmbed = Long.MAX_VALUE;
            long bestExtract = Long.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                Raster marked = slice.copy();
                Bits payload = TestImages.randomBits(200, run);
                long t0 = System.nanoTime();
                for (int y = 0; y < 512; y += 32) {
                    for (int x = 0; x < 512; x += 32) {
                        scheme.embed(marked, Region.rectangle(marked, x, y, 32, 32), payload);
                    }
                }
                long t1 = System.nanoTime();
                for (int y = 0; y < 512; y += 32) {
                    for (int x = 0; x < 512; x += 32) {
                        scheme.extract(marked, Region.rectangle(marked, x, y, 32, 32));
                    }
                }
                long t2 = System.nanoTime();
                bestEmbed = Math.min(bestEmbed, t1 - t0);
                bestExtract = Math.min(bestExtract, t2 - t1);
            }
            System.out.printf("%s 256 blocks x 200 bits: embed %.1f ms, extract %.1f ms%n", scheme.name(), bestEmbed / 1e6, bestExtract / 1e6);
            for (Raster image : List.of(slice, TestImages.classic("Airplane.png"), TestImages.classic("Baboon.png"))) {
                long total = 0;
                int min = Integer.MAX_VALUE;
                for (int y = 0; y < 512; y += 32) {
                    for (int x = 0; x < 512; x += 32) {
                        int capacity = scheme.capacity(image, Region.rectangle(image, x, y, 32, 32));
                        total += capacity;
                        min = Math.min(min, capacity);
                    }
                }
                System.out.printf("%s capacity of 32x32 blocks (range %d..%d): mean %.1f bits, min %d%n", scheme.name(),
                        image.minValue(), image.maxValue(), total / 256.0, min);
            }
        }
    }

    static Raster ct(double[][] values, int offset, int min, int max) {
        int h = values.length;
        int w = values[0].length;
        int[] samples = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long v = Math.round(values[y][x]) + offset;
                samples[y * w + x] = (int) Math.max(min, Math.min(max, v));
            }
        }
        return Raster.wrap(w, h, samples, min, max);
    }
}
