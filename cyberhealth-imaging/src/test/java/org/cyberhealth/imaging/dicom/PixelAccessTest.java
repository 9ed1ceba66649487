package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;

/** Raster values are checked against what pydicom 2.3.1's pixel_array returns for the same files. */
class PixelAccessTest {

    @Test
    void signedSixteenBitSamplesMatchPydicom() {
        DicomFile ct = Samples.read("pydicom/CT_small.dcm");
        Raster raster = ct.readRaster();
        assertThat(raster.width()).isEqualTo(128);
        assertThat(raster.height()).isEqualTo(128);
        assertThat(raster.get(0, 0)).isEqualTo(175);
        assertThat(raster.get(64, 64)).isEqualTo(1928);
        assertThat(raster.minValue()).isEqualTo(-32768);
        assertThat(raster.maxValue()).isEqualTo(32767);
        assertThat(ct.pixelLayout().signed()).isTrue();
    }

    @Test
    void planesAreStackedFrameByFrameThenChannelByChannel() {
        Raster twoFrames = Samples.read("pydicom-data/SC_rgb_expb_2frame.dcm").readRaster();
        assertThat(twoFrames.width()).isEqualTo(100);
        assertThat(twoFrames.height()).isEqualTo(100 * 2 * 3);
        // pydicom: frame 0 pixel (0,0) = (255, 0, 0); frame 1 pixel (50,50) = (127, 127, 0)
        assertThat(new int[] {twoFrames.get(0, 0), twoFrames.get(0, 100), twoFrames.get(0, 200)})
                .containsExactly(255, 0, 0);
        assertThat(new int[] {twoFrames.get(50, 350), twoFrames.get(50, 450), twoFrames.get(50, 550)})
                .containsExactly(127, 127, 0);
        assertThat(twoFrames.maxValue()).isEqualTo(255);
    }

    @Test
    void planarConfigurationsZeroAndOneGiveTheSameRaster() {
        Raster interleaved = Samples.read("pydicom-data/color-px.dcm").readRaster();
        Raster planar = Samples.read("pydicom-data/color-pl.dcm").readRaster();
        assertThat(planar.sameAs(interleaved)).isTrue();
        assertThat(new int[] {planar.get(128, 60), planar.get(128, 180), planar.get(128, 300)})
                .containsExactly(184, 16, 16);
    }

    @Test
    void multiFrameTwelveBitSamplesReadTheSameInBothByteOrders() {
        Raster little = Samples.read("pydicom-data/emri_small.dcm").readRaster();
        Raster big = Samples.read("pydicom-data/emri_small_big_endian.dcm").readRaster();
        assertThat(little.height()).isEqualTo(64 * 10);
        assertThat(little.get(20, 3 * 64 + 10)).isEqualTo(180);
        assertThat(little.maxValue()).isEqualTo(4095);
        assertThat(big.sameAs(little)).isTrue();
    }

    @Test
    void oddLengthPixelDataIsReadAndItsPaddingKept() {
        DicomFile odd = Samples.read("pydicom/SC_rgb_small_odd.dcm");
        assertThat(odd.pixelLayout().pixelDataBytes()).isEqualTo(28);
        Raster raster = odd.readRaster();
        assertThat(raster.height()).isEqualTo(9);
        assertThat(new int[] {raster.get(0, 0), raster.get(0, 3), raster.get(0, 6)}).containsExactly(166, 141, 52);
        Raster changed = raster.copy();
        changed.set(2, 8, 200);
        byte[] written = odd.withRaster(changed).toBytes();
        assertThat(written).hasSize(Samples.bytes("pydicom/SC_rgb_small_odd.dcm").length);
        assertThat(DicomFile.read(written).readRaster().sameAs(changed)).isTrue();
    }

    @Test
    void withRasterChangesOnlyThePixelBytes() {
        for (String name : Samples.IMAGES) {
            byte[] original = Samples.bytes(name);
            DicomFile file = DicomFile.read(original);
            Raster changed = file.readRaster().copy();
            flipLeastSignificantBitOfEverySeventh(changed);
            DicomFile modified = file.withRaster(changed);
            byte[] written = modified.toBytes();
            assertThat(DicomFile.read(written).readRaster().sameAs(changed)).as(name).isTrue();
            if (!file.transferSyntax().isDeflated()) {
                assertThat(written).as(name).hasSameSizeAs(original);
                int differing = 0;
                for (int i = 0; i < original.length; i++) {
                    differing += original[i] != written[i] ? 1 : 0;
                }
                assertThat(differing).as(name).isPositive().isLessThanOrEqualTo(changed.size() / 7 + 1);
            }
            assertThat(file.toBytes()).as(name + " is not modified").isEqualTo(original);
        }
    }

    static void flipLeastSignificantBitOfEverySeventh(Raster raster) {
        int[] samples = raster.samples();
        for (int i = 0; i < samples.length; i += 7) {
            int flipped = samples[i] ^ 1;
            samples[i] = flipped > raster.maxValue() || flipped < raster.minValue() ? samples[i] : flipped;
        }
    }

    @Test
    void bitsOutsideBitsStoredArePreserved() {
        // 2x1 image, 12 bits stored in 16 with overlay bits 12..15 set: 0xF123 and 0x8FFF.
        byte[] file = CraftedDicom.explicitLittleEndianImage(2, 1, 16, 12, 0, new byte[] {0x23, (byte) 0xF1, (byte) 0xFF, (byte) 0x8F});
        DicomFile dicom = DicomFile.read(file);
        Raster raster = dicom.readRaster();
        assertThat(raster.samples()).containsExactly(0x123, 0xFFF);
        raster.set(0, 0, 0x456);
        raster.set(1, 0, 0);
        byte[] pixels = DicomFile.read(dicom.withRaster(raster).toBytes()).dataset().get(Tag.PIXEL_DATA).value();
        assertThat(pixels).containsExactly(0x56, 0xF4, 0x00, 0x80);
    }

    @Test
    void signedSamplesAreSignExtendedFromBitsStored() {
        // 12 bits stored, signed: 0x0800 is -2048, 0x0FFF is -1, 0x07FF is 2047.
        byte[] file = CraftedDicom.explicitLittleEndianImage(3, 1, 16, 12, 1,
                new byte[] {0x00, 0x08, (byte) 0xFF, 0x0F, (byte) 0xFF, 0x07});
        Raster raster = DicomFile.read(file).readRaster();
        assertThat(raster.samples()).containsExactly(-2048, -1, 2047);
        assertThat(raster.minValue()).isEqualTo(-2048);
        assertThat(raster.maxValue()).isEqualTo(2047);
    }

    @Test
    void aRasterOfWrongSizeOrOutOfRangeValuesIsRefused() {
        DicomFile mr = Samples.read("pydicom-data/emri_small.dcm");
        assertThatThrownBy(() -> mr.withRaster(Raster.blank(64, 64, 0, 4095)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("64x640");
        Raster tooBright = mr.readRaster().copy();
        Raster unchecked = Raster.wrap(tooBright.width(), tooBright.height(), tooBright.samples(), 0, 65535);
        unchecked.set(3, 3, 4096);
        assertThatThrownBy(() -> mr.withRaster(unchecked)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("4096").hasMessageContaining("0..4095");
    }

    @Test
    void unsupportedLayoutsAreRefusedClearly() {
        assertThatThrownBy(() -> Samples.read("pydicom/rtdose.dcm").readRaster())
                .isInstanceOf(BadInputException.class).hasMessageContaining("Bits Allocated 32");
        byte[] wrongHighBit = CraftedDicom.image(2, 1, 16, 12, 0, 15, new byte[4]);
        assertThatThrownBy(() -> DicomFile.read(wrongHighBit).readRaster())
                .isInstanceOf(BadInputException.class).hasMessageContaining("High Bit 15");
        byte[] shortPixels = CraftedDicom.explicitLittleEndianImage(4, 4, 16, 16, 0, new byte[8]);
        assertThatThrownBy(() -> DicomFile.read(shortPixels).readRaster())
                .isInstanceOf(BadInputException.class).hasMessageContaining("needs 32");
        assertThatThrownBy(() -> Samples.read("pydicom/rtplan.dcm").readRaster())
                .isInstanceOf(BadInputException.class).hasMessageContaining("no native Pixel Data");
    }

    @Test
    void pixelLayoutReportsTheImagePixelModule() {
        PixelLayout layout = Samples.read("pydicom-data/color-pl.dcm").pixelLayout();
        assertThat(layout.rows()).isEqualTo(120);
        assertThat(layout.columns()).isEqualTo(256);
        assertThat(layout.frames()).isEqualTo(1);
        assertThat(layout.samplesPerPixel()).isEqualTo(3);
        assertThat(layout.bitsAllocated()).isEqualTo(8);
        assertThat(layout.bitsStored()).isEqualTo(8);
        assertThat(layout.highBit()).isEqualTo(7);
        assertThat(layout.planarConfiguration()).isEqualTo(1);
        assertThat(layout.photometricInterpretation()).isEqualTo("RGB");
        assertThat(layout.pixelDataBytes()).isEqualTo(120 * 256 * 3);
        assertThat(Samples.read("pydicom-data/emri_small.dcm").pixelLayout().frames()).isEqualTo(10);
    }
}
