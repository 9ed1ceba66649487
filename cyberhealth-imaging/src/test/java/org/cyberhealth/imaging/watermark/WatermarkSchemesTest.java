package org.cyberhealth.imaging.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.watermark.robust.RobustParameters;
import org.junit.jupiter.api.Test;

class WatermarkSchemesTest {

    private static final Bits MESSAGE = new Bits().append(0x0123456789ABCDEFL, 64);

    /**
     * An abdominal slice spans 11 bits (HU + 1024 up to about 2100), but its windows are set in HU: the
     * robust layer marks it with a 12-bit range's strength, records that range for removal, and removal
     * gives the slice back bit for bit.
     */
    @Test
    void aCtSliceSpanningElevenBitsIsMarkedWithTheStrengthOfTwelveAndRestoredExactly() throws Exception {
        Raster stored = ImageFiles.read(Path.of(WatermarkSchemesTest.class.getResource("/openjph-ct/ct-abdomen-0-stored12.png").toURI())).raster();
        Raster original = Raster.wrap(stored.width(), stored.height(), stored.samples(), 0, 4095);
        RobustLayer layer = WatermarkSchemes.robustLayer(new byte[32]);
        Raster marked = original.copy();

        Bits side = layer.embed(marked, Region.whole(marked), MESSAGE);

        assertThat(RobustParameters.usedRangeBits(original)).isEqualTo(11);
        assertThat(side.read(0, 5)).isEqualTo(12);
        layer.remove(marked, Region.whole(marked), MESSAGE, side, ContainerHeader.VERSION);
        assertThat(marked.sameAs(original)).isTrue();
    }
}
