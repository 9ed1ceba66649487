package org.cyberhealth.imaging.dicom;

/** The two choices that shape an element header: explicit or implicit VR, and byte order. */
enum Encoding {
    IMPLICIT_LITTLE_ENDIAN(false, false),
    EXPLICIT_LITTLE_ENDIAN(true, false),
    EXPLICIT_BIG_ENDIAN(true, true);

    final boolean explicitVr;
    final boolean bigEndian;

    Encoding(boolean explicitVr, boolean bigEndian) {
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
    }

    /** How the data set of {@code syntax} is encoded (after inflation, for the deflated syntax). */
    static Encoding of(TransferSyntax syntax) {
        if (!syntax.isExplicitVr()) {
            return IMPLICIT_LITTLE_ENDIAN;
        }
        return syntax.isBigEndian() ? EXPLICIT_BIG_ENDIAN : EXPLICIT_LITTLE_ENDIAN;
    }
}
