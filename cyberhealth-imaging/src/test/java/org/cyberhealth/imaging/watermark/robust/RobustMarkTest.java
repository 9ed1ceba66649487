package org.cyberhealth.imaging.watermark.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.BitSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Random;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Fidelity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.attack.JpegRecompression;
import org.cyberhealth.imaging.attack.Windowing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RobustMarkTest {

    private static final byte[] KEY = TestPictures.key(1);
    private static final Bits MESSAGE = new Bits().append(0x9E3779B97F4A7C15L, 64);

    @ParameterizedTest(name = "{0}-bit {1}..{2}")
    @CsvSource({"8, 0, 255", "12, 0, 4095", "16, -32768, 32767", "16, 0, 65535"})
    void removalRestoresPicturesWithSaturatedAreasBitForBit(int bits, int min, int max) {
        Raster original = TestPictures.withSaturatedAreas(256, min, max, bits);
        Raster marked = original.copy();
        RobustMark mark = RobustMark.forRaster(KEY, marked);

        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);

        assertThat(marked.sameAs(original)).isFalse();
        assertThat(marked.inRange()).isTrue();
        assertThat(mark.read(marked).errorsAgainst(MESSAGE)).isZero();
        mark.remove(marked, Region.whole(marked), MESSAGE, side);
        assertThat(marked.sameAs(original)).isTrue();
    }

    @Test
    void airplaneIsMarkedFaintlyWithLittleSideInformationAndRestoredExactly() {
        Raster original = TestPictures.airplane();
        Raster marked = original.copy();
        RobustMark mark = RobustMark.forRaster(KEY, marked);

        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);

        assertThat(Fidelity.psnr(original, marked)).isGreaterThan(45.0);
        assertThat(side.length()).isLessThan(400);
        mark.remove(marked, Region.whole(marked), MESSAGE, side);
        assertThat(marked.sameAs(original)).isTrue();
    }

    @Test
    void theMessageSurvivesJpegAtQuality75() {
        Raster marked = TestPictures.airplane();
        RobustMark mark = RobustMark.forRaster(KEY, marked);
        mark.embed(marked, Region.whole(marked), MESSAGE);

        RobustReading clean = mark.read(marked);
        RobustReading compressed = mark.read(new JpegRecompression(75).apply(marked));

        assertThat(clean.bits()).isEqualTo(MESSAGE);
        assertThat(compressed.errorsAgainst(MESSAGE)).isZero();
        assertThat(compressed.correlation(MESSAGE)).isGreaterThan(0.6);
    }

    @Test
    void aTwelveBitMarkSurvivesWindowingTo8BitsThenJpeg() {
        Raster marked = TestPictures.withSaturatedAreas(256, 0, 4095, 7);
        RobustMark mark = RobustMark.forRaster(KEY, marked);
        mark.embed(marked, Region.whole(marked), MESSAGE);

        Raster windowed = new Windowing(2048, 1600, "wide").apply(marked);
        Raster leaked = new JpegRecompression(75).apply(windowed);

        assertThat(leaked.maxValue()).isEqualTo(255);
        assertThat(mark.read(windowed).errorsAgainst(MESSAGE)).isZero();
        // Through a window this wide the mark is under one gray level, where JPEG's rounding starts to bite.
        assertThat(mark.read(leaked).errorsAgainst(MESSAGE)).isLessThanOrEqualTo(2);
    }

    @Test
    void aCtSliceChangesByAtMostFiveHuRmsSurvivesASoftTissueWindowThenJpegAndIsRestoredExactly() {
        Raster original = TestPictures.ctSlice();
        Raster marked = original.copy();
        RobustMark mark = RobustMark.forRaster(KEY, marked);

        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);
        Raster leaked = new Windowing(1024 + 40, 400, "W400 L40 HU").then(new JpegRecompression(75)).apply(marked);

        assertThat(rmsChange(original, marked)).as("RMS change in HU").isLessThan(5.0);
        assertThat(side.length()).isLessThan(600);
        assertThat(mark.read(leaked).errorsAgainst(MESSAGE)).isZero();
        mark.remove(marked, Region.whole(marked), MESSAGE, side);
        assertThat(marked.sameAs(original)).isTrue();
    }

    /**
     * The product marks a picture with the strength of the range its data span (10 bits here), in its
     * own 12-bit range. Guards far above the data would list no zone in the side information, but mark
     * none either: the embedder must prefer guards that give every bit its margin.
     */
    @Test
    void aDarkPictureInAWideRangeKeepsItsMarkThroughTheWholeRangeWindowAndIsRestoredExactly() {
        Raster original = TestPictures.darkWithNoisyBackground(512, 5);
        Raster marked = original.copy();
        RobustMark mark = new RobustMark(KEY, RobustParameters.forPeak(1023));

        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);
        Raster windowed = new Windowing(2047.5, 4095, "whole range").apply(marked);

        assertThat(mark.read(marked).errorsAgainst(MESSAGE)).isZero();
        assertThat(mark.read(windowed).errorsAgainst(MESSAGE)).isZero();
        mark.remove(marked, Region.whole(marked), MESSAGE, side);
        assertThat(marked.sameAs(original)).isTrue();
    }

    /**
     * Through a window 2000 HU wide, or the data's whole span, a shift of a few HU is a fraction of a gray
     * level, and JPEG 75 zeroes what it adds to flat blocks; the embedder plans each bit for a copy that
     * kept 0.4 of its shifts (planning for all of them turns bits of this slice with some keys).
     */
    @ParameterizedTest(name = "key {0}")
    @CsvSource({"1", "2", "3", "4"})
    void aCtSliceReadsWithoutErrorThroughWideWindowsThenJpeg75(int keySeed) {
        Raster marked = TestPictures.ctSlice();
        RobustMark mark = RobustMark.forRaster(TestPictures.key(keySeed), marked);
        mark.embed(marked, Region.whole(marked), MESSAGE);
        IntSummaryStatistics data = Arrays.stream(marked.samples()).summaryStatistics();

        for (Windowing window : List.of(new Windowing(1024 + 40, 2000, "W2000 L40 HU"),
                new Windowing((data.getMin() + data.getMax() + 1) / 2.0, data.getMax() - data.getMin() + 1.0, "min-max"))) {
            Raster leaked = window.then(new JpegRecompression(75)).apply(marked);
            assertThat(mark.read(leaked).errorsAgainst(MESSAGE)).as(window.name()).isZero();
        }
    }

    @ParameterizedTest(name = "window W{0}")
    @CsvSource({"400", "1000", "2000", "4096"})
    void aCtSliceReadsWithoutErrorThroughAnyWindowUpToTheWholeRange(int width) {
        Raster marked = TestPictures.ctSlice();
        RobustMark mark = RobustMark.forRaster(KEY, marked);
        mark.embed(marked, Region.whole(marked), MESSAGE);

        Raster windowed = new Windowing(width == 4096 ? 2048 : 1024 + 40, width, "W" + width).apply(marked);

        assertThat(mark.read(windowed).errorsAgainst(MESSAGE)).isZero();
    }

    private static double rmsChange(Raster original, Raster changed) {
        double squares = 0;
        for (int i = 0; i < original.size(); i++) {
            double d = original.samples()[i] - changed.samples()[i];
            squares += d * d;
        }
        return Math.sqrt(squares / original.size());
    }

    @Test
    void aWrongKeyReadsNoise() {
        Raster marked = TestPictures.airplane();
        RobustMark mark = RobustMark.forRaster(KEY, marked);
        mark.embed(marked, Region.whole(marked), MESSAGE);

        RobustReading right = mark.read(marked);
        RobustReading wrong = RobustMark.forRaster(TestPictures.key(2), marked).read(marked);

        assertThat(wrong.errorsAgainst(MESSAGE)).isBetween(16, 48);
        assertThat(Math.abs(wrong.correlation(MESSAGE))).isLessThan(0.4);
        assertThat(right.correlation(MESSAGE)).isGreaterThan(0.8);
    }

    @Test
    void theRightRecipientStandsOutAmongCandidates() {
        Raster marked = TestPictures.airplane();
        RobustMark mark = RobustMark.forRaster(KEY, marked);
        mark.embed(marked, Region.whole(marked), MESSAGE);
        RobustReading reading = mark.read(new JpegRecompression(75).apply(marked));

        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            Bits other = new Bits().append(random.nextLong(), 64);
            assertThat(reading.correlation(other)).isLessThan(reading.correlation(MESSAGE));
        }
    }

    @Test
    void samplesOutsideTheRegionOrProtectedNeverChange() {
        Raster original = TestPictures.withSaturatedAreas(256, 0, 4095, 11);
        Raster marked = original.copy();
        BitSet protectedSamples = new BitSet();
        for (int y = 100; y < 140; y++) {
            protectedSamples.set(y * 256 + 100, y * 256 + 160);
        }
        Region region = Region.rectangle(marked, 16, 8, 224, 240).excluding(protectedSamples);
        RobustMark mark = RobustMark.forRaster(KEY, marked);

        Bits side = mark.embed(marked, region, MESSAGE);

        int changed = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                if (marked.get(x, y) != original.get(x, y)) {
                    assertThat(region.mayChange(x, y)).as("changed (%d,%d)", x, y).isTrue();
                    changed++;
                }
            }
        }
        assertThat(changed).isPositive();
        mark.remove(marked, region, MESSAGE, side);
        assertThat(marked.sameAs(original)).isTrue();
    }

    @Test
    void marksOnOneThreadReuseArraysWithoutCarryingAnythingFromOneToTheNext() {
        // the same picture and key, marked first on a fresh thread, then after pictures of another size,
        // range and content on this one: the reused per-zone arrays hold the others' values
        Raster original = TestPictures.darkWithNoisyBackground(256, 7);
        Raster[] alone = new Raster[1];
        Bits[] aloneSide = new Bits[1];
        Thread fresh = new Thread(() -> {
            alone[0] = original.copy();
            aloneSide[0] = RobustMark.forRaster(KEY, alone[0]).embed(alone[0], Region.whole(alone[0]), MESSAGE);
        });
        fresh.start();
        assertThatCode(fresh::join).doesNotThrowAnyException();
        for (Raster other : new Raster[] {TestPictures.withSaturatedAreas(256, 0, 255, 3), TestPictures.ctSlice(), TestPictures.airplane()}) {
            RobustMark.forRaster(KEY, other).embed(other, Region.whole(other), MESSAGE);
        }
        Raster marked = original.copy();
        RobustMark mark = RobustMark.forRaster(KEY, marked);

        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);

        assertThat(marked.sameAs(alone[0])).isTrue();
        assertThat(side).isEqualTo(aloneSide[0]);
        mark.remove(marked, Region.whole(marked), MESSAGE, side);
        assertThat(marked.sameAs(original)).isTrue();
    }

    @Test
    void aPictureTooSmallForTheMessageIsRefused() {
        Raster tiny = TestPictures.withSaturatedAreas(28, 0, 255, 1);
        RobustMark mark = RobustMark.forRaster(KEY, tiny);
        assertThatThrownBy(() -> mark.embed(tiny, Region.whole(tiny), MESSAGE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("needs 64 zones of 8x8 pixels and has 9");
        assertThat(tiny.sameAs(TestPictures.withSaturatedAreas(28, 0, 255, 1))).isTrue();
    }

    @Test
    void malformedSideInformationIsRefused() {
        Raster marked = TestPictures.airplane();
        RobustMark mark = RobustMark.forRaster(KEY, marked);
        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);

        assertThatThrownBy(() -> mark.remove(marked, Region.whole(marked), MESSAGE, side.slice(0, side.length() - 3)))
                .isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> mark.remove(marked, Region.whole(marked), MESSAGE, new Bits().append(0, 64)))
                .isInstanceOf(BadInputException.class);
    }
}
