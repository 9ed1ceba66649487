package org.cyberhealth.imaging.watermark.reversible;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
