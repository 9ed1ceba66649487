package org.cyberhealth.imaging.watermark.reversible;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;

class ProfileRingTest {
    @Test
    void loop() throws Exception {
        assumeTrue(Boolean.getBoolean("profile"));
        Raster slice = BenchmarkReportTest.ct(TestImages.npy(TestImages.sharedData("images/openjph").resolve("ct-abdomen-0.npy")), 0, -32768, 32767);
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            RhombusWindow w = null;
            for (int i = 0; i < 20; i++) {
                w = RhombusWindow.of(slice, Region.whole(slice));
            }
            long t1 = System.nanoTime();
            int[] k = null;
            for (int i = 0; i < 20; i++) {
                k = RingComplexity.keys(w, w.cross);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                StableOrder.ascending(k, k.length);
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                new SachnevRanking().rankingKeys(w, w.cross);
            }
            long t4 = System.nanoTime();
            System.out.printf("window %.2f ring %.2f sort %.2f sachnevkeys %.2f ms%n", (t1 - t) / 20e6, (t2 - t1) / 20e6, (t3 - t2) / 20e6, (t4 - t3) / 20e6);
        }
    }
}
