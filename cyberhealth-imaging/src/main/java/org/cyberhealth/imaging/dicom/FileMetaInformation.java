package org.cyberhealth.imaging.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds the file meta group (PS3.10 7.1) of a transcoded file. */
final class FileMetaInformation {

    /** CyberHealth's implementation class UID: a UUID-derived UID under the 2.25 root (PS3.5 B.2). */
    static final String IMPLEMENTATION_CLASS_UID = "2.25.89099285311103148228806909805118076154";
    static final String IMPLEMENTATION_VERSION_NAME = "CYBERHEALTH";

    private FileMetaInformation() {
    }

    /**
     * The meta group for {@code dataset} written in {@code target}: the existing one with the transfer
     * syntax replaced, or, for a file that had none, a new one taking the SOP class and instance UIDs from
     * the data set. The group length is recomputed when the file is written.
     */
    static DicomDataset forSyntax(DicomDataset existing, DicomDataset dataset, TransferSyntax target) {
        DicomElement syntaxUid = text(Tag.TRANSFER_SYNTAX_UID, Vr.UI, target.uid());
        if (existing != null) {
            DicomDataset updated = existing.with(syntaxUid);
            return updated.contains(Tag.FILE_META_INFORMATION_GROUP_LENGTH) ? updated
                    : updated.with(DicomElement.primitive(Tag.FILE_META_INFORMATION_GROUP_LENGTH, Vr.UL, new byte[4], false));
        }
        List<DicomElement> elements = new ArrayList<>();
        elements.add(DicomElement.primitive(Tag.FILE_META_INFORMATION_GROUP_LENGTH, Vr.UL, new byte[4], false));
        elements.add(DicomElement.primitive(Tag.FILE_META_INFORMATION_VERSION, Vr.OB, new byte[] {0, 1}, false));
        String sopClass = dataset.getString(Tag.SOP_CLASS_UID);
        if (sopClass != null) {
            elements.add(text(Tag.MEDIA_STORAGE_SOP_CLASS_UID, Vr.UI, sopClass));
        }
        String sopInstance = dataset.getString(Tag.SOP_INSTANCE_UID);
        if (sopInstance != null) {
            elements.add(text(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, Vr.UI, sopInstance));
        }
        elements.add(syntaxUid);
        elements.add(text(Tag.IMPLEMENTATION_CLASS_UID, Vr.UI, IMPLEMENTATION_CLASS_UID));
        elements.add(text(Tag.IMPLEMENTATION_VERSION_NAME, Vr.SH, IMPLEMENTATION_VERSION_NAME));
        return new DicomDataset(elements);
    }

    /** A text element padded to even length with the VR's padding byte (PS3.5 6.2). */
    private static DicomElement text(int tag, Vr vr, String value) {
        byte[] chars = value.getBytes(StandardCharsets.US_ASCII);
        byte[] padded = java.util.Arrays.copyOf(chars, chars.length + (chars.length % 2));
        if (padded.length > chars.length) {
            padded[chars.length] = vr.paddingByte();
        }
        return DicomElement.primitive(tag, vr, padded, false);
    }
}
