package org.cyberhealth.imaging.dicom;

/**
 * The DICOM value representations (PS3.5 section 6.2) with the three facts the codec needs: whether the
 * explicit-VR header uses the long form (2 reserved bytes and a 32-bit length, PS3.5 7.1.2), the byte that
 * pads an odd value to even length, and the size of the unit whose bytes are swapped between little and
 * big endian (0 for strings and byte streams).
 */
public enum Vr {
    AE(false, ' ', 0), AS(false, ' ', 0), AT(false, 0, 2), CS(false, ' ', 0), DA(false, ' ', 0),
    DS(false, ' ', 0), DT(false, ' ', 0), FL(false, 0, 4), FD(false, 0, 8), IS(false, ' ', 0),
    LO(false, ' ', 0), LT(false, ' ', 0), OB(true, 0, 0), OD(true, 0, 8), OF(true, 0, 4),
    OL(true, 0, 4), OV(true, 0, 8), OW(true, 0, 2), PN(false, ' ', 0), SH(false, ' ', 0),
    SL(false, 0, 4), SQ(true, 0, 0), SS(false, 0, 2), ST(false, ' ', 0), SV(true, 0, 8),
    TM(false, ' ', 0), UC(true, ' ', 0), UI(false, 0, 0), UL(false, 0, 4), UN(true, 0, 0),
    UR(true, ' ', 0), US(false, 0, 2), UT(true, ' ', 0), UV(true, 0, 8);

    private final boolean longHeader;
    private final byte padding;
    private final int swapUnit;

    Vr(boolean longHeader, int padding, int swapUnit) {
        this.longHeader = longHeader;
        this.padding = (byte) padding;
        this.swapUnit = swapUnit;
    }

    /** Whether an explicit-VR header for this VR has 2 reserved bytes and a 32-bit length. */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** The byte appended to make an odd-length value even. */
    public byte paddingByte() {
        return padding;
    }

    /** Bytes per number that big endian reverses; 0 when the value is a byte or character stream. */
    public int swapUnit() {
        return swapUnit;
    }

    /** Whether the value is text (decoded as characters, trimmed of padding). */
    public boolean isText() {
        return padding == ' ' || this == UI;
    }

    private static final Vr[] BY_CODE = new Vr[26 * 26];

    static {
        for (Vr vr : values()) {
            BY_CODE[(vr.name().charAt(0) - 'A') * 26 + vr.name().charAt(1) - 'A'] = vr;
        }
    }

    /** The VR spelled by two bytes, or null when they spell none. */
    static Vr of(int first, int second) {
        if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
            return null;
        }
        return BY_CODE[(first - 'A') * 26 + second - 'A'];
    }
}
