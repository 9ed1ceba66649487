package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscodeTest {

    @Test
    void everySampleTranscodesToEverySyntaxKeepingPixelsAndAttributes() {
        for (String name : Samples.UNCOMPRESSED) {
            DicomFile original = Samples.read(name);
            for (TransferSyntax target : TransferSyntax.NATIVE) {
                DicomFile transcoded = original.transcode(target);
                String what = name + " -> " + target.name();
                assertThat(transcoded.transferSyntax()).as(what).isEqualTo(target);
                assertThat(transcoded.fileMetaInformation().getString(Tag.TRANSFER_SYNTAX_UID)).as(what).isEqualTo(target.uid());
                assertThat(leafValues(transcoded.dataset(), target.isBigEndian()))
                        .as(what).isEqualTo(leafValues(original.dataset(), original.transferSyntax().isBigEndian()));
                if (Samples.IMAGES.contains(name)) {
                    assertThat(transcoded.readRaster().sameAs(original.readRaster())).as(what).isTrue();
                }
                assertThat(java.util.Arrays.equals(DicomFile.read(transcoded.toBytes()).toBytes(), transcoded.toBytes()))
                        .as(what).isTrue();
            }
        }
    }

    /**
     * Exact for files whose every VR the dictionary knows; a private element of an explicit file comes back
     * as UN after a trip through implicit VR, and 8-bit pixel data written as OW comes back as OB (which is
     * why CT_small, with private tags, and color-pl are not in the list).
     */
    @Test
    void transcodingToTheOriginalSyntaxAndBackReproducesTheFile() {
        for (String name : new String[] {"pydicom/MR_small.dcm", "pydicom/MR_small_implicit.dcm",
                "pydicom/MR_small_bigendian.dcm", "pydicom-data/SC_rgb.dcm", "pydicom-data/emri_small.dcm"}) {
            DicomFile original = Samples.read(name);
            for (TransferSyntax via : TransferSyntax.NATIVE) {
                byte[] back = original.transcode(via).transcode(original.transferSyntax()).toBytes();
                assertThat(java.util.Arrays.equals(back, Samples.bytes(name))).as(name + " via " + via.name()).isTrue();
            }
        }
    }

    @Test
    void aFileWithoutMetaGetsOneWhenTranscoded() {
        DicomFile noMeta = Samples.read("pydicom/ExplVR_LitEndNoMeta.dcm");
        DicomFile transcoded = noMeta.transcode(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        DicomDataset meta = transcoded.fileMetaInformation();
        assertThat(meta.getString(Tag.TRANSFER_SYNTAX_UID)).isEqualTo("1.2.840.10008.1.2.2");
        assertThat(meta.getString(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID)).isEqualTo(noMeta.dataset().getString(Tag.SOP_INSTANCE_UID));
        assertThat(meta.getInt(Tag.FILE_META_INFORMATION_GROUP_LENGTH)).isEqualTo(
                (int) new DicomWriter(false).datasetLength(meta, Encoding.EXPLICIT_LITTLE_ENDIAN) - 12);
        assertThat(transcoded.toBytes()).startsWith(new byte[128]);
    }

    @Test
    void aPrivateSequenceStaysASequenceInImplicitVr() {
        byte[] explicit = CraftedDicom.withPreambleAndMeta(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .element(0x00090010, "LO", "ACME".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .header(0x00091010, "SQ", 18).tag(Tag.ITEM).raw(CraftedDicom.le32(10))
                .element(Tag.PATIENT_ID, "LO", "AB".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).bytes();
        DicomFile implicit = DicomFile.read(explicit).transcode(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        DicomElement sequence = implicit.dataset().get(0x00091010);
        assertThat(sequence.isSequence()).isTrue();
        assertThat(sequence.isUndefinedLength()).isTrue();
        assertThat(sequence.items().get(0).dataset().getString(Tag.PATIENT_ID)).isEqualTo("AB");
        assertThat(implicit.dataset().getString(0x00090010)).isEqualTo("ACME");
    }

    @Test
    void implicitDataGetsItsVrFromTheDictionary() {
        DicomFile explicit = Samples.read("pydicom/MR_small_implicit.dcm").transcode(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(explicit.dataset().get(Tag.ROWS).vr()).isEqualTo(Vr.US);
        assertThat(explicit.dataset().get(Tag.STUDY_INSTANCE_UID).vr()).isEqualTo(Vr.UI);
        assertThat(explicit.dataset().get(Tag.PIXEL_DATA).vr()).isEqualTo(Vr.OW);
        assertThat(explicit.dataset().get(0x00280106).vr()).as("Smallest Image Pixel Value, US or SS").isEqualTo(Vr.SS);
    }

    /**
     * Every primitive value but Pixel Data (compared as rasters) in a byte-order-free form: numbers swapped
     * to little endian by their VR.
     */
    static List<String> leafValues(DicomDataset dataset, boolean bigEndian) {
        List<String> values = new ArrayList<>();
        for (DicomElement element : dataset) {
            if (Tag.group(element.tag()) == 0x0002 || Tag.isGroupLength(element.tag()) || element.tag() == Tag.PIXEL_DATA) {
                continue;
            }
            if (element.isSequence()) {
                for (DicomItem item : element.items()) {
                    values.addAll(leafValues(item.dataset(), bigEndian && !element.itemsImplicitLittleEndian()));
                }
                continue;
            }
            byte[] value = element.value();
            int unit = bigEndian && element.vr() != Vr.UN ? element.vr().swapUnit() : 0;
            for (int start = 0; unit > 1 && start + unit <= value.length; start += unit) {
                for (int i = 0; i < unit / 2; i++) {
                    byte b = value[start + i];
                    value[start + i] = value[start + unit - 1 - i];
                    value[start + unit - 1 - i] = b;
                }
            }
            values.add(Tag.toString(element.tag()) + java.util.Arrays.toString(value));
        }
        return values;
    }
}
