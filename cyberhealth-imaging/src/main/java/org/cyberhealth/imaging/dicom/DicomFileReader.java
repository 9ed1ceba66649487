package org.cyberhealth.imaging.dicom;

import java.util.Arrays;
import org.cyberhealth.core.BadInputException;

/**
 * Splits a Part 10 file into preamble, meta group and data set, and decides the transfer syntax: from
 * (0002,0010) when present, otherwise guessed from the first data set element (explicit VR if its bytes
 * 4-5 spell a VR, big endian if its group reads smaller that way), as for files written without meta.
 */
final class DicomFileReader {

    static final int PREAMBLE_LENGTH = 128;
    static final int PREFIX_END = PREAMBLE_LENGTH + 4;

    private DicomFileReader() {
    }

    static DicomFile read(byte[] bytes) {
        int pos = 0;
        byte[] preamble = null;
        if (hasDicmPrefix(bytes, bytes.length)) {
            preamble = Arrays.copyOf(bytes, PREAMBLE_LENGTH);
            pos = PREFIX_END;
        }
        DicomDataset meta = null;
        if (bytes.length - pos >= 2 && bytes[pos] == 0x02 && bytes[pos + 1] == 0x00) {
            DicomParser metaParser = new DicomParser(bytes, pos, "offset");
            meta = metaParser.parseMetaGroup();
            pos = metaParser.position();
        }
        String uid = meta == null ? null : meta.getString(Tag.TRANSFER_SYNTAX_UID);
        TransferSyntax syntax = uid == null || uid.isEmpty() ? guessSyntax(bytes, pos) : TransferSyntax.forUid(uid);
        if (syntax.isDeflated()) {
            DeflatedDataset deflated = DeflatedDataset.inflate(bytes, pos);
            DicomParser parser = new DicomParser(deflated.inflated(), 0, "inflated offset");
            DicomDataset dataset = parser.parseTopLevel(Encoding.EXPLICIT_LITTLE_ENDIAN);
            byte[] trailing = Arrays.copyOfRange(deflated.inflated(), parser.position(), deflated.inflated().length);
            return new DicomFile(preamble, meta, syntax, dataset, trailing, deflated);
        }
        DicomParser parser = new DicomParser(bytes, pos, "offset");
        DicomDataset dataset = parser.parseTopLevel(Encoding.of(syntax));
        if (meta == null && dataset.size() == 0) {
            throw new BadInputException("DICOM: no data elements found (empty or all-zero content) at offset " + pos);
        }
        return new DicomFile(preamble, meta, syntax, dataset, Arrays.copyOfRange(bytes, parser.position(), bytes.length),
                null);
    }

    private static boolean hasDicmPrefix(byte[] bytes, int length) {
        return length >= PREFIX_END && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M';
    }

    private static TransferSyntax guessSyntax(byte[] bytes, int pos) {
        if (bytes.length - pos >= 6 && Vr.of(bytes[pos + 4] & 0xFF, bytes[pos + 5] & 0xFF) != null) {
            int littleEndianGroup = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8;
            int bigEndianGroup = (bytes[pos] & 0xFF) << 8 | (bytes[pos + 1] & 0xFF);
            return bigEndianGroup < littleEndianGroup ? TransferSyntax.EXPLICIT_VR_BIG_ENDIAN
                    : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        }
        return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }

    /**
     * Whether {@code head} (the first {@code length} bytes of a file) looks like DICOM: "DICM" after the
     * preamble, or a first element of group 0002 or 0008 (either byte order) with a VR or a small length.
     */
    static boolean looksLikeDicom(byte[] head, int length) {
        if (hasDicmPrefix(head, length)) {
            return true;
        }
        if (length < 8) {
            return false;
        }
        int littleEndianGroup = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int bigEndianGroup = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
        boolean plausibleGroup = littleEndianGroup == 0x0002 || littleEndianGroup == 0x0008
                || bigEndianGroup == 0x0008;
        if (!plausibleGroup) {
            return false;
        }
        if (Vr.of(head[4] & 0xFF, head[5] & 0xFF) != null) {
            return true;
        }
        long implicitLength = (head[4] & 0xFFL) | (head[5] & 0xFFL) << 8 | (head[6] & 0xFFL) << 16 | (head[7] & 0xFFL) << 24;
        return littleEndianGroup == 0x0008 && implicitLength < 1024;
    }
}
