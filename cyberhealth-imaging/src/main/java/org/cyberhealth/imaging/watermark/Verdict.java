package org.cyberhealth.imaging.watermark;

/** The outcome of verifying a marked image; each maps to a distinct message and exit code. */
public enum Verdict {
    /** The seal verifies: not one sample changed since marking, and the original can be restored. */
    AUTHENTIC,
    /** A watermark of this key is there, but samples or identifying attributes changed. */
    TAMPERED,
    /** No watermark header was found. */
    NO_WATERMARK,
    /** A watermark is there, made with another issuer key. */
    WRONG_KEY
}
