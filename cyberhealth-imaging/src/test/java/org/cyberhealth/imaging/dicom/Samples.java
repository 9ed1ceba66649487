package org.cyberhealth.imaging.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The small DICOM files copied into the test resources (see PROVENANCE.txt beside them). */
final class Samples {

    /** Uncompressed, well-formed files: the round-trip and transcoding corpus. */
    static final List<String> UNCOMPRESSED = List.of(
            "pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "pydicom/MR_small_implicit.dcm",
            "pydicom/MR_small_bigendian.dcm", "pydicom/MR_small_expb.dcm", "pydicom/MR_small_padded.dcm",
            "pydicom/image_dfl.dcm", "pydicom/SC_rgb_small_odd.dcm", "pydicom/ExplVR_BigEndNoMeta.dcm",
            "pydicom/ExplVR_LitEndNoMeta.dcm", "pydicom/ExplVR_BigEnd.dcm", "pydicom/badVR.dcm", "pydicom/rtdose.dcm", "pydicom/priv_SQ.dcm",
            "pydicom/nested_priv_SQ.dcm", "pydicom/rtplan.dcm",
            "pydicom-data/SC_rgb.dcm", "pydicom-data/color-pl.dcm", "pydicom-data/color-px.dcm",
            "pydicom-data/SC_rgb_expb_2frame.dcm", "pydicom-data/emri_small.dcm",
            "pydicom-data/emri_small_big_endian.dcm");

    /** Uncompressed images whose pixels the raster accessor supports (8 or 16 bits allocated). */
    static final List<String> IMAGES = List.of(
            "pydicom/CT_small.dcm", "pydicom/MR_small.dcm", "pydicom/MR_small_implicit.dcm",
            "pydicom/MR_small_bigendian.dcm", "pydicom/image_dfl.dcm", "pydicom/SC_rgb_small_odd.dcm",
            "pydicom/ExplVR_BigEnd.dcm", "pydicom-data/SC_rgb.dcm", "pydicom-data/color-pl.dcm",
            "pydicom-data/SC_rgb_expb_2frame.dcm", "pydicom-data/emri_small.dcm",
            "pydicom-data/emri_small_big_endian.dcm");

    private Samples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/dicom/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource dicom/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DicomFile read(String name) {
        return DicomFile.read(bytes(name));
    }
}
