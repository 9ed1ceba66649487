package org.cyberhealth.core.crypto;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 (RFC 2104) for many short messages under one key. {@link javax.crypto.Mac} hashes the
 * key's inner and outer pads again for every message: four SHA-256 compressions for a row key of a few
 * bytes. Here both pads are hashed once and their states copied per message, which leaves two: the
 * keyed choices of a table watermark are drawn once per row, so this is most of a row's cost. Same output
 * as {@code Mac.getInstance("HmacSHA256")} (tested). Not thread-safe: one instance per thread.
 */
public final class HmacSha256 {

    public static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest innerAfterPad;
    private final MessageDigest outerAfterPad;
    private final byte[] innerHash = new byte[LENGTH];
    private MessageDigest inner;

    public HmacSha256(byte[] key) {
        byte[] block = new byte[BLOCK];
        byte[] shortKey = key.length > BLOCK ? Digests.sha256(key) : key;
        System.arraycopy(shortKey, 0, block, 0, shortKey.length);
        innerAfterPad = Digests.sha256();
        outerAfterPad = Digests.sha256();
        for (int i = 0; i < BLOCK; i++) {
            innerAfterPad.update((byte) (block[i] ^ 0x36));
            outerAfterPad.update((byte) (block[i] ^ 0x5c));
        }
        java.util.Arrays.fill(block, (byte) 0);
    }

    public void update(byte[] bytes) {
        update(bytes, 0, bytes.length);
    }

    public void update(byte[] bytes, int offset, int length) {
        if (inner == null) {
            inner = copy(innerAfterPad);
        }
        inner.update(bytes, offset, length);
    }

    /** Writes the MAC of everything given since the last call into {@code out[0..32)}. */
    public void doFinal(byte[] out) {
        if (inner == null) {
            inner = copy(innerAfterPad);
        }
        try {
            inner.digest(innerHash, 0, LENGTH);
            MessageDigest outer = copy(outerAfterPad);
            outer.update(innerHash);
            outer.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
        }
        inner = null;
    }

    private static MessageDigest copy(MessageDigest state) {
        try {
            return (MessageDigest) state.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }
}
