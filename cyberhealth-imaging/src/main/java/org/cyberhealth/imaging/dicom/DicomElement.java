package org.cyberhealth.imaging.dicom;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One data element as it was encoded: tag, VR (as written, or from the dictionary for implicit VR), the
 * raw value bytes in the byte order of the file (odd lengths kept), and, for a sequence or encapsulated
 * pixel data, its items or fragments together with whether the length was undefined. Keeping the encoding
 * is what lets an unchanged file be written back byte for byte.
 */
public final class DicomElement {

    /** The value of {@link #length()} for an element of undefined length. */
    public static final long UNDEFINED_LENGTH = 0xFFFFFFFFL;

    private static final int PREVIEW_CHARS = 64;
    private static final int PREVIEW_NUMBERS = 8;

    private final int tag;
    private final Vr vr;
    private final long declaredLength;
    private final byte[] value;
    private final List<DicomItem> items;
    private final List<byte[]> fragments;
    private final boolean bigEndian;
    private final boolean itemsImplicitLittleEndian;

    private DicomElement(int tag, Vr vr, long declaredLength, byte[] value, List<DicomItem> items,
            List<byte[]> fragments, boolean bigEndian, boolean itemsImplicitLittleEndian) {
        this.tag = tag;
        this.vr = vr;
        this.declaredLength = declaredLength;
        this.value = value;
        this.items = items;
        this.fragments = fragments;
        this.bigEndian = bigEndian;
        this.itemsImplicitLittleEndian = itemsImplicitLittleEndian;
    }

    static DicomElement primitive(int tag, Vr vr, byte[] value, boolean bigEndian) {
        return new DicomElement(tag, vr, value.length, value, null, null, bigEndian, false);
    }

    static DicomElement sequence(int tag, Vr vr, long declaredLength, List<DicomItem> items, boolean bigEndian,
            boolean itemsImplicitLittleEndian) {
        return new DicomElement(tag, vr, declaredLength, null, List.copyOf(items), null, bigEndian,
                itemsImplicitLittleEndian);
    }

    static DicomElement encapsulated(int tag, Vr vr, List<byte[]> fragments, boolean bigEndian) {
        return new DicomElement(tag, vr, UNDEFINED_LENGTH, null, null, List.copyOf(fragments), bigEndian, false);
    }

    /** The same element with another value (same VR, byte order and tag). */
    DicomElement withValue(byte[] newValue) {
        return primitive(tag, vr, newValue, bigEndian);
    }

    public int tag() {
        return tag;
    }

    public Vr vr() {
        return vr;
    }

    /** The value length as read ({@link #UNDEFINED_LENGTH} when undefined). */
    public long length() {
        return declaredLength;
    }

    public boolean isUndefinedLength() {
        return declaredLength == UNDEFINED_LENGTH;
    }

    /** Whether the element holds items (an SQ, or a UN of undefined length, PS3.5 6.2.2). */
    public boolean isSequence() {
        return items != null;
    }

    /** Whether the element holds encapsulated pixel data fragments. */
    public boolean isEncapsulated() {
        return fragments != null;
    }

    /** The items of a sequence; empty for any other element. */
    public List<DicomItem> items() {
        return items == null ? List.of() : items;
    }

    /** A copy of the raw value bytes in the file's byte order (empty for sequences and fragments). */
    public byte[] value() {
        return value == null ? new byte[0] : value.clone();
    }

    byte[] rawValue() {
        return value;
    }

    List<byte[]> fragments() {
        return fragments;
    }

    boolean isBigEndian() {
        return bigEndian;
    }

    /** Whether the items are encoded in implicit VR little endian whatever the syntax (UN of undefined length). */
    boolean itemsImplicitLittleEndian() {
        return itemsImplicitLittleEndian;
    }

    /** The value as text with padding (spaces and NULs) trimmed, or null for a non-text element. */
    String text(boolean utf8) {
        if (value == null || !(vr.isText() || vr == Vr.UN)) {
            return null;
        }
        String text = new String(value, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int start = 0;
        int end = text.length();
        while (start < end && isPadding(text.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isPadding(char c) {
        return c == ' ' || c == '\0';
    }

    /** The first binary number of a US, SS, UL, SL, or AT value, or null when there is none. */
    Long firstNumber() {
        if (value == null) {
            return null;
        }
        switch (vr) {
            case US: return value.length >= 2 ? (long) uint(0, 2) : null;
            case SS: return value.length >= 2 ? (long) (short) uint(0, 2) : null;
            case UL: return value.length >= 4 ? uint(0, 4) : null;
            case SL: return value.length >= 4 ? (long) (int) uint(0, 4) : null;
            default: return null;
        }
    }

    private long uint(int offset, int size) {
        long result = 0;
        for (int i = 0; i < size; i++) {
            int b = value[offset + (bigEndian ? i : size - 1 - i)] & 0xFF;
            result = (result << 8) | b;
        }
        return result;
    }

    /** A short human-readable rendering of the value for listings. */
    public String preview() {
        if (items != null) {
            return items.size() + (items.size() == 1 ? " item" : " items");
        }
        if (fragments != null) {
            return fragments.size() + " fragments";
        }
        if (vr.isText()) {
            String text = text(false);
            return text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "..." : text;
        }
        int unit = vr.swapUnit();
        if (unit == 0 || vr == Vr.OW || vr == Vr.OF || vr == Vr.OD || vr == Vr.OL || vr == Vr.OV) {
            return value.length + " bytes";
        }
        StringBuilder out = new StringBuilder();
        int count = value.length / unit;
        for (int i = 0; i < Math.min(count, PREVIEW_NUMBERS); i++) {
            if (i > 0) {
                out.append('\\');
            }
            out.append(number(i * unit));
        }
        if (count > PREVIEW_NUMBERS) {
            out.append("...");
        }
        return out.toString();
    }

    private String number(int offset) {
        switch (vr) {
            case US: return Long.toString(uint(offset, 2));
            case SS: return Short.toString((short) uint(offset, 2));
            case UL: return Long.toString(uint(offset, 4));
            case SL: return Integer.toString((int) uint(offset, 4));
            case FL: return Float.toString(Float.intBitsToFloat((int) uint(offset, 4)));
            case FD: return Double.toString(Double.longBitsToDouble(uint(offset, 8)));
            case SV: return Long.toString(uint(offset, 8));
            case UV: return Long.toUnsignedString(uint(offset, 8));
            case AT: return String.format("%04X", uint(offset, 2));
            default: return "?";
        }
    }

    @Override
    public String toString() {
        return Tag.toString(tag) + " " + vr + " " + (isUndefinedLength() ? "undefined" : Long.toString(declaredLength))
                + " " + preview();
    }
}
