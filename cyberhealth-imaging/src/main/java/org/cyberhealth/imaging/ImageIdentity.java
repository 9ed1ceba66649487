package org.cyberhealth.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The attributes that say which image this is (for DICOM: Patient ID, Study, Series and SOP Instance
 * UID). The seal signs them together with the pixels, so that a watermark moved to another image, or
 * an image relabelled to another patient, no longer verifies.
 */
public record ImageIdentity(String patientId, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {

    /** For images without identifying attributes (PNG, TIFF): only the pixels are sealed. */
    public static final ImageIdentity NONE = new ImageIdentity("", "", "", "");

    public ImageIdentity {
        patientId = nullToEmpty(patientId);
        studyInstanceUid = nullToEmpty(studyInstanceUid);
        seriesInstanceUid = nullToEmpty(seriesInstanceUid);
        sopInstanceUid = nullToEmpty(sopInstanceUid);
    }

    /** An unambiguous encoding: each attribute length-prefixed. */
    public byte[] canonicalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String value : new String[] {patientId, studyInstanceUid, seriesInstanceUid, sopInstanceUid}) {
            byte[] b = value.getBytes(StandardCharsets.UTF_8);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
