package org.cyberhealth.imaging.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Fidelity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.attack.Attack;
import org.cyberhealth.imaging.attack.JpegRecompression;
import org.cyberhealth.imaging.attack.Windowing;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.watermark.robust.RobustMark;
import org.cyberhealth.imaging.watermark.robust.RobustParameters;
import org.junit.jupiter.api.Test;

class WatermarkSchemesTest {

    private static final Bits MESSAGE = new Bits().append(0x0123456789ABCDEFL, 64);
    private static final byte[] KEY = new byte[32];

    /**
     * An abdominal slice spans 11 bits (HU + 1024 up to about 2100), but its windows are set in HU: the
     * robust layer marks it with a 12-bit range's strength, records that range for removal, and removal
     * gives the slice back bit for bit.
     */
    @Test
    void aCtSliceSpanningElevenBitsIsMarkedWithTheStrengthOfTwelveAndRestoredExactly() throws Exception {
        Raster original = ctSlice();
        RobustLayer layer = WatermarkSchemes.robustLayer(KEY);
        Raster marked = original.copy();

        Bits side = layer.embed(marked, Region.whole(marked), MESSAGE, RobustMarking.STANDARD);

        assertThat(RobustParameters.usedRangeBits(original)).isEqualTo(11);
        assertThat(side.read(0, 5)).isEqualTo(12);
        layer.remove(marked, Region.whole(marked), MESSAGE, side, ContainerHeader.VERSION);
        assertThat(marked.sameAs(original)).isTrue();
    }

    /**
     * The strong mark survives a converter that maps the whole 12-bit stored range to 8 bits (16 HU a
     * gray level) before JPEG 75, which turns bits of the standard one, and removal, which knows nothing
     * of the strength, still gives the slice back bit for bit.
     */
    @Test
    void aStrongMarkSurvivesTheStoredRangeWindowAndJpeg75AndIsRemovedExactly() throws Exception {
        Raster original = ctSlice();
        Attack leak = new Windowing(2048, 4096, "stored range").then(new JpegRecompression(75));
        RobustLayer layer = WatermarkSchemes.robustLayer(KEY);
        RobustMark reader = new RobustMark(KEY, RobustParameters.forRangeBits(12));

        Raster standard = original.copy();
        layer.embed(standard, Region.whole(standard), MESSAGE, RobustMarking.STANDARD);
        Raster strong = original.copy();
        Bits side = layer.embed(strong, Region.whole(strong), MESSAGE, RobustMarking.STRONG);

        assertThat(reader.read(leak.apply(standard)).errorsAgainst(MESSAGE)).isPositive();
        assertThat(reader.read(leak.apply(strong)).errorsAgainst(MESSAGE)).isZero();
        assertThat(Fidelity.psnr(original, strong)).isLessThan(Fidelity.psnr(original, standard)).isGreaterThan(50);
        layer.remove(strong, Region.whole(strong), MESSAGE, side, ContainerHeader.VERSION);
        assertThat(strong.sameAs(original)).isTrue();
    }

    private static Raster ctSlice() throws Exception {
        Raster stored = ImageFiles.read(Path.of(WatermarkSchemesTest.class.getResource("/openjph-ct/ct-abdomen-0-stored12.png").toURI())).raster();
        return Raster.wrap(stored.width(), stored.height(), stored.samples(), 0, 4095);
    }
}
