package org.cyberhealth.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (Krawczyk and Eronen, RFC 5869). The JDK 17 has HMAC but no HKDF, and the
 * extract-then-expand construction is a few lines over it; every derived key in CyberHealth goes
 * through here, so that the issuer's secret itself is never used as a key.
 */
public final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private Hkdf() {}

    /** Derives {@code length} bytes from {@code secret} for the purpose named by {@code label}. */
    public static byte[] derive(byte[] secret, String label, int length) {
        return expand(extract(new byte[HASH_LENGTH], secret), label.getBytes(StandardCharsets.UTF_8), length);
    }

    static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        return hmac(salt.length == 0 ? new byte[HASH_LENGTH] : salt, inputKeyMaterial);
    }

    static byte[] expand(byte[] pseudoRandomKey, byte[] info, int length) {
        if (length <= 0 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF output length " + length);
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(pseudoRandomKey, HMAC));
            byte[] out = new byte[length];
            byte[] block = new byte[0];
            int filled = 0;
            for (int counter = 1; filled < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - filled);
                System.arraycopy(block, 0, out, filled, n);
                filled += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] hmac(byte[] key, byte[]... data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            for (byte[] d : data) {
                mac.update(d);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
