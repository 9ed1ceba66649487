package org.cyberhealth.imaging.dicom;

import java.util.List;

/**
 * The shared sample files that are malformed on purpose or by accident (dcmdump reports errors on them,
 * or they end inside an element), relative to the shared dicom folder. The codec must refuse them.
 */
final class KnownMalformed {

    static final List<String> NAMES = List.of(
            "pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm",
            "pydicom/test_files/MR_truncated.dcm",
            "pydicom/test_files/SC_rgb_jpeg.dcm",
            "pydicom/test_files/dicomdirtests/DICOMDIR-nooffset",
            "pydicom/test_files/rtplan_truncated.dcm");

    private KnownMalformed() {
    }
}
