package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DicomRoundTripTest {

    static java.util.List<String> uncompressed() {
        return Samples.UNCOMPRESSED;
    }

    @ParameterizedTest
    @MethodSource("uncompressed")
    void anUnchangedFileIsWrittenBackByteForByte(String name) throws IOException {
        byte[] original = Samples.bytes(name);
        DicomFile file = DicomFile.read(original);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.write(out);
        assertThat(out.toByteArray()).isEqualTo(original);
    }

    @Test
    void theSyntaxComesFromTheMetaGroupOrIsGuessedWithoutOne() {
        assertThat(Samples.read("pydicom/MR_small.dcm").transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(Samples.read("pydicom/MR_small_implicit.dcm").transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(Samples.read("pydicom/MR_small_bigendian.dcm").transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        assertThat(Samples.read("pydicom/image_dfl.dcm").transferSyntax()).isEqualTo(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(Samples.read("pydicom/ExplVR_BigEndNoMeta.dcm").transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        assertThat(Samples.read("pydicom/ExplVR_LitEndNoMeta.dcm").transferSyntax()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(Samples.read("pydicom/ExplVR_LitEndNoMeta.dcm").fileMetaInformation()).isNull();
        DicomFile withoutSyntax = Samples.read("pydicom/meta_missing_tsyntax.dcm");
        assertThat(withoutSyntax.fileMetaInformation()).isNotNull();
        assertThat(withoutSyntax.transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void attributesReadTheSameInEverySyntax() {
        for (String name : new String[] {"pydicom/MR_small.dcm", "pydicom/MR_small_implicit.dcm",
                "pydicom/MR_small_bigendian.dcm", "pydicom/MR_small_expb.dcm"}) {
            DicomDataset dataset = Samples.read(name).dataset();
            assertThat(dataset.getInt(Tag.ROWS)).as(name).isEqualTo(64);
            assertThat(dataset.getInt(Tag.COLUMNS)).as(name).isEqualTo(64);
            assertThat(dataset.getInt(Tag.PIXEL_REPRESENTATION)).as(name).isEqualTo(1);
            assertThat(dataset.getString(Tag.MODALITY)).as(name).isEqualTo("MR");
            assertThat(dataset.getString(Tag.PATIENT_ID)).as(name).isEqualTo("4MR1");
            assertThat(dataset.getString(Tag.STUDY_INSTANCE_UID)).as(name).isNotBlank();
            assertThat(dataset.contains(Tag.SERIES_INSTANCE_UID)).as(name).isTrue();
            assertThat(dataset.getString(0x00091001)).as(name).isNull();
        }
    }

    @Test
    void sequencesKeepTheirItemsAndLengthForms() {
        DicomDataset plan = Samples.read("pydicom/rtplan.dcm").dataset();
        DicomElement fractionGroups = plan.get(0x300A0070);
        assertThat(fractionGroups.isSequence()).isTrue();
        assertThat(fractionGroups.items()).hasSize(1);
        assertThat(fractionGroups.items().get(0).dataset().getInt(0x300A0071)).isEqualTo(1);
        DicomElement unknownSequence = Samples.read("pydicom/UN_sequence.dcm").dataset().elements().stream()
                .filter(DicomElement::isSequence).findFirst().orElseThrow();
        assertThat(unknownSequence.isUndefinedLength()).isTrue();
    }

    @Test
    void everyElementHasAPreviewForListings() {
        for (DicomElement element : Samples.read("pydicom/CT_small.dcm").dataset()) {
            assertThat(element.toString()).startsWith(Tag.toString(element.tag()));
        }
        assertThat(Samples.read("pydicom/CT_small.dcm").dataset().get(Tag.ROWS).preview()).isEqualTo("128");
    }

    @Test
    void aCompressedFileHeaderIsReadableButItsPixelsAndWritingAreRefused() {
        DicomFile jpeg2000 = Samples.read("pydicom/JPEG2000.dcm");
        assertThat(jpeg2000.transferSyntax().isEncapsulated()).isTrue();
        assertThat(jpeg2000.dataset().getInt(Tag.ROWS)).isPositive();
        assertThat(jpeg2000.pixelLayout().pixelDataBytes()).isEqualTo(-1);
        assertThatThrownBy(jpeg2000::readRaster).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1.2.840.10008.1.2.4.91").hasMessageContaining("JPEG 2000")
                .hasMessageContaining("gdcmconv --raw");
        assertThatThrownBy(jpeg2000::toBytes).isInstanceOf(BadInputException.class).hasMessageContaining("1.2.840.10008.1.2.4.91");
        assertThatThrownBy(() -> jpeg2000.transcode(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
                .isInstanceOf(BadInputException.class);
        DicomFile rle = Samples.read("pydicom/MR_small_RLE.dcm");
        assertThatThrownBy(rle::readRaster).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1.2.840.10008.1.2.5").hasMessageContaining("RLE Lossless").hasMessageContaining("dcmdrle")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anInvalidUnSequenceInAnEncapsulatedFileIsParsedAsImplicitItems() {
        DicomFile file = Samples.read("pydicom-data/bad_sequence.dcm");
        assertThat(file.transferSyntax().isEncapsulated()).isTrue();
        assertThat(file.dataset().get(Tag.PIXEL_DATA).isEncapsulated()).isTrue();
    }

    @Test
    void looksLikeDicomRecognisesPreambleAndPlausibleHeadersOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws IOException {
        java.nio.file.Path standard = folder.resolve("a.dcm");
        java.nio.file.Files.write(standard, Samples.bytes("pydicom/MR_small.dcm"));
        java.nio.file.Path withoutMeta = folder.resolve("b");
        java.nio.file.Files.write(withoutMeta, Samples.bytes("pydicom/ExplVR_BigEndNoMeta.dcm"));
        java.nio.file.Path implicitWithoutMeta = folder.resolve("c");
        byte[] implicit = Samples.bytes("pydicom/MR_small_implicit.dcm");
        int metaGroupLength = implicit[140] & 0xFF;
        java.nio.file.Files.write(implicitWithoutMeta, java.util.Arrays.copyOfRange(implicit, 144 + metaGroupLength, implicit.length));
        java.nio.file.Path text = folder.resolve("readme.txt");
        java.nio.file.Files.writeString(text, "This is not a DICOM file, but it is long enough to be checked.");
        assertThat(DicomFile.looksLikeDicom(standard)).isTrue();
        assertThat(DicomFile.looksLikeDicom(withoutMeta)).isTrue();
        assertThat(DicomFile.looksLikeDicom(implicitWithoutMeta)).isTrue();
        assertThat(DicomFile.looksLikeDicom(text)).isFalse();
        assertThat(DicomFile.looksLikeDicom(folder.resolve("missing"))).isFalse();
        assertThat(DicomFile.read(implicitWithoutMeta).transferSyntax()).isEqualTo(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    }

    @Test
    void valuesAreDecodedByVr() {
        DicomDataset ct = Samples.read("pydicom/CT_small.dcm").dataset();
        assertThat(ct.getInt(Tag.BITS_ALLOCATED)).isEqualTo(16);
        assertThat(ct.getString(Tag.BITS_ALLOCATED)).isEqualTo("16");
        assertThat(ct.getString(Tag.PATIENT_NAME)).isEqualTo("CompressedSamples^CT1");
        assertThat(ct.getString(Tag.SOP_INSTANCE_UID)).doesNotEndWith("\0").matches("[0-9.]+");
        assertThat(ct.getInt(Tag.PATIENT_NAME)).isNull();
        assertThat(ct.getInt(0x00200013)).as("Instance Number, IS").isEqualTo(1);
        assertThat(ct.getString(0x7777_0010)).isNull();
    }
}
