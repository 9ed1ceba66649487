package org.cyberhealth.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small explicit VR little endian files byte by byte, for cases no sample file has. */
final class CraftedDicom {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static CraftedDicom withPreambleAndMeta(String syntaxUid) {
        CraftedDicom file = new CraftedDicom();
        file.raw(new byte[128]).raw("DICM".getBytes(StandardCharsets.US_ASCII));
        byte[] uid = even(syntaxUid.getBytes(StandardCharsets.US_ASCII), (byte) 0);
        file.element(Tag.FILE_META_INFORMATION_GROUP_LENGTH, "UL", le32(8 + uid.length));
        file.element(Tag.TRANSFER_SYNTAX_UID, "UI", uid);
        return file;
    }

    static byte[] explicitLittleEndianImage(int columns, int rows, int allocated, int stored, int representation,
            byte[] pixels) {
        return image(columns, rows, allocated, stored, representation, stored - 1, pixels);
    }

    static byte[] image(int columns, int rows, int allocated, int stored, int representation, int highBit,
            byte[] pixels) {
        return withPreambleAndMeta(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())
                .element(Tag.SAMPLES_PER_PIXEL, "US", le16(1))
                .element(Tag.PHOTOMETRIC_INTERPRETATION, "CS", "MONOCHROME2 ".getBytes(StandardCharsets.US_ASCII))
                .element(Tag.ROWS, "US", le16(rows)).element(Tag.COLUMNS, "US", le16(columns))
                .element(Tag.BITS_ALLOCATED, "US", le16(allocated)).element(Tag.BITS_STORED, "US", le16(stored))
                .element(Tag.HIGH_BIT, "US", le16(highBit)).element(Tag.PIXEL_REPRESENTATION, "US", le16(representation))
                .element(Tag.PIXEL_DATA, "OW", pixels).bytes();
    }

    /** An explicit VR little endian element; long-header VRs get the 4-byte length. */
    CraftedDicom element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        return raw(value);
    }

    CraftedDicom header(int tag, String vr, long length) {
        tag(tag);
        raw(vr.getBytes(StandardCharsets.US_ASCII));
        boolean longHeader = "OB OD OF OL OV OW SQ SV UC UN UR UT UV".contains(vr);
        if (longHeader) {
            raw(new byte[2]).raw(le32(length));
        } else {
            raw(le16((int) length));
        }
        return this;
    }

    CraftedDicom tag(int tag) {
        return raw(le16(tag >>> 16)).raw(le16(tag & 0xFFFF));
    }

    CraftedDicom raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] le16(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8)};
    }

    static byte[] le32(long value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    private static byte[] even(byte[] value, byte pad) {
        if (value.length % 2 == 0) {
            return value;
        }
        byte[] padded = java.util.Arrays.copyOf(value, value.length + 1);
        padded[value.length] = pad;
        return padded;
    }
}
