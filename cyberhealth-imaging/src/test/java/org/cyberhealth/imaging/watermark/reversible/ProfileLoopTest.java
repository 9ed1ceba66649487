package org.cyberhealth.imaging.watermark.reversible;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;

class ProfileLoopTest {
    @Test
    void loop() throws Exception {
        assumeTrue(Boolean.getBoolean("profile"));
        Raster slice = BenchmarkReportTest.ct(TestImages.npy(TestImages.sharedData("images/openjph").resolve("ct-abdomen-0.npy")), 0, -32768, 32767);
        ReversibleScheme scheme = System.getProperty("profile.scheme", "ours").equals("ours") ? new AdaptiveMhmScheme() : new Sachnev2009Scheme();
        Bits payload = TestImages.randomBits(10_000, 1);
        long t = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            Raster marked = slice.copy();
            scheme.embed(marked, Region.whole(marked), payload);
            scheme.extract(marked, Region.whole(marked));
        }
        System.out.println("per iteration ms " + (System.nanoTime() - t) / 40e6);
    }
}
