package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;

/** Malformed input gives one clear BadInputException naming what and where, never another exception. */
class HostileInputTest {

    private static final String EXPLICIT_LE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    @Test
    void truncatedSampleFilesAreRefusedWithTagAndOffset() {
        assertRefused(Samples.bytes("pydicom/MR_truncated.dcm"), "(7FE0,0010) declares length 8192 but only 8130 bytes remain at offset 1488");
        assertRefused(Samples.bytes("pydicom/rtplan_truncated.dcm"), "(300A,00B0) declares length 976");
        // CT_small without meta but with one stray byte in front: no plausible element at the start.
        assertRefused(Samples.bytes("pydicom/no_meta.dcm"), "at offset 0");
    }

    @Test
    void everyTruncationOfAFileWithSequencesIsRefusedOrIsAShorterValidFile() {
        byte[] plan = Samples.bytes("pydicom/rtplan.dcm");
        for (int length = 0; length < plan.length; length++) {
            byte[] truncated = Arrays.copyOf(plan, length);
            try {
                if (!Arrays.equals(DicomFile.read(truncated).toBytes(), truncated)) {
                    throw new AssertionError("truncated to " + length + " bytes, written back differently");
                }
            } catch (BadInputException expected) {
                if (!expected.getMessage().contains("offset")) {
                    throw new AssertionError("no offset in: " + expected.getMessage());
                }
            }
        }
    }

    @Test
    void aHugeDeclaredLengthOnATinyFileIsRefusedWithoutAllocating() {
        byte[] file = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).header(Tag.PIXEL_DATA, "OB", 0xFFFFFFF0L)
                .raw(new byte[16]).bytes();
        assertRefused(file, "(7FE0,0010) declares length 4294967280 but only 16 bytes remain at offset 172");
        byte[] shortVr = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).header(Tag.PATIENT_ID, "LO", 0xFFF0).bytes();
        assertRefused(shortVr, "(0010,0020) declares length 65520 but only 0 bytes remain");
    }

    @Test
    void nestingThousandsDeepIsRefusedAtTheDepthLimit() {
        CraftedDicom file = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE);
        for (int level = 0; level < 5000; level++) {
            file.header(0x00081115, "SQ", DicomElement.UNDEFINED_LENGTH).tag(Tag.ITEM).raw(CraftedDicom.le32(0xFFFFFFFFL));
        }
        assertRefused(file.bytes(), "nested deeper than 64 levels");
    }

    @Test
    void nestingWithinTheLimitIsAccepted() {
        CraftedDicom file = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE);
        for (int level = 0; level < DicomParser.MAX_DEPTH; level++) {
            file.header(0x00081115, "SQ", DicomElement.UNDEFINED_LENGTH).tag(Tag.ITEM).raw(CraftedDicom.le32(0xFFFFFFFFL));
        }
        for (int level = 0; level < DicomParser.MAX_DEPTH; level++) {
            file.tag(Tag.ITEM_DELIMITATION_ITEM).raw(new byte[4]).tag(Tag.SEQUENCE_DELIMITATION_ITEM).raw(new byte[4]);
        }
        byte[] bytes = file.bytes();
        assertThat(DicomFile.read(bytes).toBytes()).isEqualTo(bytes);
    }

    @Test
    void anUnknownVrIsRefused() {
        byte[] file = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).header(Tag.PATIENT_ID, "ZZ", 2).raw(new byte[2]).bytes();
        assertRefused(file, "unknown VR 'ZZ' in element (0010,0020) at offset 172");
        byte[] binary = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).tag(Tag.PATIENT_ID).raw(new byte[] {1, 2, 0, 0}).bytes();
        assertRefused(binary, "unknown VR '\\x01\\x02'");
    }

    @Test
    void undefinedLengthOnAnElementThatIsNeitherSequenceNorPixelDataIsRefused() {
        byte[] file = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).header(0x00081030, "UT", DicomElement.UNDEFINED_LENGTH)
                .raw(new byte[8]).bytes();
        assertRefused(file, "(0008,1030) with VR UT has undefined length at offset 172");
        byte[] implicit = CraftedDicom.withPreambleAndMeta(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())
                .tag(Tag.PATIENT_ID).raw(CraftedDicom.le32(0xFFFFFFFFL)).bytes();
        assertRefused(implicit, "(0010,0020) with VR LO has undefined length");
    }

    @Test
    void sequenceStructureErrorsAreRefused() {
        byte[] itemTooLong = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).header(0x00081115, "SQ", 8)
                .tag(Tag.ITEM).raw(CraftedDicom.le32(100)).bytes();
        assertRefused(itemTooLong, "item of sequence (0008,1115) declares length 100");
        byte[] notAnItem = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).header(0x00081115, "SQ", DicomElement.UNDEFINED_LENGTH)
                .element(Tag.PATIENT_ID, "LO", "AB".getBytes(StandardCharsets.US_ASCII)).bytes();
        assertRefused(notAnItem, "expected an item in sequence (0008,1115), found (0010,0020)");
        byte[] noDelimiter = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).header(0x00081115, "SQ", DicomElement.UNDEFINED_LENGTH)
                .tag(Tag.ITEM).raw(CraftedDicom.le32(0xFFFFFFFFL)).bytes();
        assertRefused(noDelimiter, "has no item delimiter");
        byte[] strayDelimiter = CraftedDicom.withPreambleAndMeta(EXPLICIT_LE).tag(Tag.ITEM_DELIMITATION_ITEM).raw(new byte[4]).bytes();
        assertRefused(strayDelimiter, "unexpected item or delimiter tag (FFFE,E00D)");
    }

    @Test
    void aCorruptOrTruncatedDeflateStreamIsRefused() {
        byte[] deflated = Samples.bytes("pydicom/image_dfl.dcm");
        assertRefused(Arrays.copyOf(deflated, deflated.length - 200), "deflated data set is truncated");
        byte[] corrupt = deflated.clone();
        int streamStart = deflated.length - 4000;
        for (int i = 0; i < 64; i++) {
            corrupt[streamStart + i] = (byte) 0xFF;
        }
        assertThatThrownBy(() -> DicomFile.read(corrupt)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("DICOM: ").hasMessageContaining("offset");
    }

    @Test
    void aDeflateBombIsStoppedAtTheInflationLimit() {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        deflater.setInput(new byte[4 << 20]);
        deflater.finish();
        byte[] bomb = new byte[64 << 10];
        int length = deflater.deflate(bomb);
        assertThat(deflater.finished()).isTrue();
        deflater.end();
        byte[] file = Arrays.copyOf(bomb, length);
        assertThatThrownBy(() -> DeflatedDataset.inflate(file, 0, 1 << 20)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("inflates to more than 1048576 bytes");
    }

    @Test
    void emptyAndNonDicomContentIsRefused() {
        assertRefused(new byte[0], "no data elements found");
        assertRefused(new byte[1000], "no data elements found");
        assertRefused("Just some text that is certainly not DICOM.\n".repeat(5).getBytes(StandardCharsets.US_ASCII),
                "at offset 0");
    }

    @Test
    void aFileWithoutPreambleButWithMetaIsRead() {
        byte[] withPreamble = Samples.bytes("pydicom/MR_small.dcm");
        byte[] withoutPreamble = Arrays.copyOfRange(withPreamble, 132, withPreamble.length);
        DicomFile file = DicomFile.read(withoutPreamble);
        assertThat(file.transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(file.toBytes()).isEqualTo(withoutPreamble);
        assertThat(file.readRaster().sameAs(DicomFile.read(withPreamble).readRaster())).isTrue();
    }

    @Test
    void randomMutationsGiveSuccessOrBadInputOnly() {
        SplittableRandom random = new SplittableRandom(20261124L);
        byte[] smallDeflated = Samples.read("pydicom/SC_rgb_small_odd.dcm")
                .transcode(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN).toBytes();
        byte[][] seeds = {Samples.bytes("pydicom/SC_rgb_small_odd.dcm"), Samples.bytes("pydicom/rtplan.dcm"),
            smallDeflated, Samples.bytes("pydicom/MR_small_bigendian.dcm"), Samples.bytes("pydicom/nested_priv_SQ.dcm"),
            Samples.bytes("pydicom/MR_small_implicit.dcm")};
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 4000; round++) {
            byte[] original = seeds[round % seeds.length];
            byte[] mutated = mutate(original, random);
            try {
                DicomFile file = DicomFile.read(mutated);
                accepted++;
                if (!file.transferSyntax().isDeflated() && !file.transferSyntax().isEncapsulated()) {
                    assertThat(Arrays.mismatch(file.toBytes(), mutated)).as("round %d: first differing byte", round).isEqualTo(-1);
                }
                exercise(file, random);
            } catch (BadInputException expected) {
                refused++;
                assertThat(expected.getMessage()).doesNotContain("\n");
            }
        }
        assertThat(accepted).isPositive();
        assertThat(refused).isPositive();
    }

    private static void exercise(DicomFile file, SplittableRandom random) {
        try {
            for (DicomElement element : file.dataset()) {
                element.preview();
            }
            file.dataset().getString(Tag.PATIENT_ID);
            file.dataset().getInt(Tag.ROWS);
            Raster raster = file.readRaster();
            file.withRaster(raster).toBytes();
        } catch (BadInputException expected) {
            assertThat(expected.getMessage()).doesNotContain("\n");
        }
        try {
            file.transcode(TransferSyntax.NATIVE.get(random.nextInt(TransferSyntax.NATIVE.size()))).toBytes();
        } catch (BadInputException expected) {
            // The only legitimate refusal: a value too long for a 16-bit explicit VR length. Anything else
            // would mean we wrote a file we cannot read back.
            String legitimate = file.transferSyntax().isEncapsulated() ? "is compressed" : "too long for an explicit VR header";
            assertThat(expected.getMessage()).contains(legitimate).doesNotContain("\n");
        }
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(5)) {
            case 0:
                for (int i = random.nextInt(1, 4); i > 0; i--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            case 1: {
                int at = random.nextInt(bytes.length - 4);
                byte fill = random.nextBoolean() ? (byte) 0xFF : 0;
                Arrays.fill(bytes, at, at + 4, fill);
                return bytes;
            }
            case 2:
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 3: {
                int at = random.nextInt(bytes.length);
                int count = random.nextInt(1, 9);
                byte[] longer = Arrays.copyOf(bytes, bytes.length + count);
                System.arraycopy(bytes, at, longer, at + count, bytes.length - at);
                return longer;
            }
            default: {
                int at = random.nextInt(bytes.length - 8);
                int count = random.nextInt(1, 8);
                byte[] shorter = new byte[bytes.length - count];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + count, shorter, at, bytes.length - at - count);
                return shorter;
            }
        }
    }

    private static void assertRefused(byte[] file, String messagePart) {
        assertThatThrownBy(() -> DicomFile.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(messagePart).hasMessageNotContaining("\n");
    }
}
