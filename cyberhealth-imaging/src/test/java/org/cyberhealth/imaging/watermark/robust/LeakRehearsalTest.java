package org.cyberhealth.imaging.watermark.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.attack.Attack;
import org.cyberhealth.imaging.attack.JpegRecompression;
import org.cyberhealth.imaging.attack.Windowing;
import org.cyberhealth.imaging.io.ImageFiles;
import org.junit.jupiter.api.Test;

class LeakRehearsalTest {

    private static final Bits MESSAGE = new Bits().append(0x5DEECE66DL * 0x9E3779B97F4A7C15L, 64);

    /**
     * Over four keys on an abdominal slice (12-bit), the rehearsed mark reads every bit with a z-score of at
     * least the target after each rehearsed leak, and without error after the stored range with JPEG 75
     * and after windows between W2000 and the stored range (W3000 L40, W3500 L540 HU) with JPEG 75, which
     * were not rehearsed; the standard mark gets bits wrong after the stored range and JPEG 75 for some of
     * these keys. Removal restores the slice exactly.
     */
    @Test
    void aRehearsedMarkReadsWithoutErrorAfterTheWidestWindowsAndJpeg75AndIsRemovedExactly() throws Exception {
        Raster original = ctSlice();
        Attack storedRange = new Windowing(2048, 4096, "stored range").then(new JpegRecompression(75));
        Attack[] unrehearsed = {storedRange, new Windowing(1064, 3000, "W3000").then(new JpegRecompression(75)),
                new Windowing(1564, 3500, "W3500").then(new JpegRecompression(75)), new Windowing(2048, 4096, "stored range").then(new JpegRecompression(90))};
        int standardErrors = 0;
        for (int k = 0; k < 4; k++) {
            byte[] key = new byte[32];
            key[0] = (byte) k;
            RobustMark mark = new RobustMark(key, RobustParameters.forRangeBits(RobustParameters.markedRangeBits(original)));
            Raster standard = original.copy();
            mark.embed(standard, Region.whole(standard), MESSAGE);
            standardErrors += mark.read(storedRange.apply(standard)).errorsAgainst(MESSAGE);

            Raster rehearsed = original.copy();
            LeakRehearsal.Outcome outcome = LeakRehearsal.forRaster(original).embed(mark, rehearsed, Region.whole(rehearsed), MESSAGE);

            assertThat(outcome.weakestScore()).as("key %d", k).isGreaterThanOrEqualTo(LeakRehearsal.TARGET_SCORE);
            for (Attack leak : unrehearsed) {
                assertThat(mark.read(leak.apply(rehearsed)).errorsAgainst(MESSAGE)).as("key %d, %s", k, leak.name()).isZero();
            }
            mark.remove(rehearsed, Region.whole(rehearsed), MESSAGE, outcome.sideInformation());
            assertThat(rehearsed.sameAs(original)).as("key %d", k).isTrue();
        }
        assertThat(standardErrors).isPositive();
    }

    /**
     * A 12-bit CT is rehearsed through its stored range and its data's span; a CT stored as signed 16-bit
     * only through its data's span (the whole format would leave its data a dozen gray levels, a picture
     * nobody would leak); an 8-bit picture not at all.
     */
    @Test
    void theRehearsedLeaksAreThePicturesWidestUsableWindowsFollowedByJpeg75And80() throws Exception {
        assertThat(LeakRehearsal.forRaster(ctSlice()).leakNames()).containsExactly("window stored range + jpeg q75", "window min-max + jpeg q75",
                "window stored range + jpeg q80", "window min-max + jpeg q80");

        Raster signed = Raster.blank(128, 128, -32768, 32767);
        Raster eightBit = Raster.blank(128, 128, 0, 255);
        Random random = new Random(3);
        for (int i = 0; i < signed.size(); i++) {
            signed.samples()[i] = random.nextInt(3000) - 1000;
            eightBit.samples()[i] = random.nextInt(256);
        }
        assertThat(LeakRehearsal.forRaster(signed).leakNames()).containsExactly("window min-max + jpeg q75", "window min-max + jpeg q80");
        assertThat(LeakRehearsal.forRaster(eightBit).leakNames()).isEmpty();
    }

    private static Raster ctSlice() throws Exception {
        Raster stored = ImageFiles.read(Path.of(LeakRehearsalTest.class.getResource("/openjph-ct/ct-abdomen-0-stored12.png").toURI())).raster();
        return Raster.wrap(stored.width(), stored.height(), stored.samples(), 0, 4095);
    }
}
