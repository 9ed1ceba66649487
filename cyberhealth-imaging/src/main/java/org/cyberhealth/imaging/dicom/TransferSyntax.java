package org.cyberhealth.imaging.dicom;

import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * A transfer syntax (PS3.5 section 10): how a data set is encoded. The four native syntaxes can be read,
 * written and transcoded; every other syntax (JPEG, JPEG-LS, JPEG 2000, RLE, HTJ2K, MPEG, ...) carries
 * encapsulated pixel data, which this codec does not decompress: its header can be read, nothing more.
 */
public final class TransferSyntax {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            nativeSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            nativeSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            nativeSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            nativeSyntax("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true);

    /** The four syntaxes this codec writes. */
    public static final List<TransferSyntax> NATIVE = List.of(IMPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

    private static final String DCMTK_JPEG = "dcmdjpeg";
    private static final String DCMTK_JPEG_LS = "dcmdjpls";
    private static final String DCMTK_RLE = "dcmdrle";
    private static final String GDCM = "gdcmconv --raw";

    /** Encapsulated syntaxes of PS3.6 Annex A: UID, name, the dcmtk tool that decompresses it (or null). */
    private static final String[][] ENCAPSULATED = {
        {"1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", DCMTK_JPEG},
        {"1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", DCMTK_JPEG},
        {"1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", DCMTK_JPEG},
        {"1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", DCMTK_JPEG},
        {"1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", DCMTK_JPEG_LS},
        {"1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", DCMTK_JPEG_LS},
        {"1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", null},
        {"1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", null},
        {"1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", null},
        {"1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", null},
        {"1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", null},
        {"1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", null},
        {"1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", null},
        {"1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", null},
        {"1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", null},
        {"1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", null},
        {"1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", null},
        {"1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", null},
        {"1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", null},
        {"1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", null},
        {"1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", null},
        {"1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", null},
        {"1.2.840.10008.1.2.5", "RLE Lossless", DCMTK_RLE},
    };

    private final String uid;
    private final String name;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final boolean encapsulated;
    private final String decompressHint;

    private TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
            boolean encapsulated, String decompressHint) {
        this.uid = uid;
        this.name = name;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
        this.decompressHint = decompressHint;
    }

    private static TransferSyntax nativeSyntax(String uid, String name, boolean explicitVr, boolean bigEndian,
            boolean deflated) {
        return new TransferSyntax(uid, name, explicitVr, bigEndian, deflated, false, null);
    }

    /**
     * The syntax with this UID. A UID that is not one of the four native syntaxes is taken as encapsulated
     * explicit VR little endian (PS3.5 A.4), which is how every other standard syntax encodes its header.
     */
    public static TransferSyntax forUid(String uid) {
        for (TransferSyntax known : NATIVE) {
            if (known.uid.equals(uid)) {
                return known;
            }
        }
        for (String[] row : ENCAPSULATED) {
            if (row[0].equals(uid)) {
                String tool = row[2] == null ? GDCM : "dcmtk " + row[2] + " or " + GDCM;
                return new TransferSyntax(uid, row[1], true, false, false, true, tool);
            }
        }
        return new TransferSyntax(uid, "unknown transfer syntax", true, false, false, true, GDCM);
    }

    public String uid() {
        return uid;
    }

    public String name() {
        return name;
    }

    public boolean isExplicitVr() {
        return explicitVr;
    }

    public boolean isBigEndian() {
        return bigEndian;
    }

    public boolean isDeflated() {
        return deflated;
    }

    /** Whether pixel data is compressed in fragments (every syntax but the four native ones). */
    public boolean isEncapsulated() {
        return encapsulated;
    }

    /** Throws the one-line refusal for an encapsulated syntax, naming it and how to decompress first. */
    void requireNative(String operation) {
        if (encapsulated) {
            String printableUid = uid.replaceAll("[^\\x20-\\x7E]", "?");
            throw new BadInputException("DICOM: cannot " + operation + ": transfer syntax " + printableUid + " (" + name
                    + ") is compressed; decompress first, e.g. with " + decompressHint);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TransferSyntax && ((TransferSyntax) other).uid.equals(uid);
    }

    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + uid + ")";
    }
}
