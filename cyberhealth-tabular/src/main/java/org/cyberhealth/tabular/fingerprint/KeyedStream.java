package org.cyberhealth.tabular.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Hkdf;

/**
 * Uniform numbers from a secret seed: the AES-256-CTR keystream under the key HMAC-SHA256(seed, label).
 * The code's security rests on the biases and codewords being unpredictable to recipients, so they
 * come from a JCA cipher, never from java.util.Random; the label separates purposes (biases, one
 * recipient's bits), so the same seed never feeds two streams, and the counter starts at zero because
 * each derived key encrypts one stream only. Same seed and label, same numbers, on every JVM.
 */
final class KeyedStream {

    static final int SEED_LENGTH = 32;
    private static final int BUFFER_BYTES = 4096;

    private final Cipher cipher;
    private final byte[] zeros = new byte[BUFFER_BYTES];
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position = BUFFER_BYTES;

    KeyedStream(byte[] seed, String label) {
        requireSeed(seed, "seed");
        byte[] key = Hkdf.hmac(seed, label.getBytes(StandardCharsets.UTF_8));
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR unavailable", e);
        }
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    double nextUnit() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private long nextLong() {
        if (position + Long.BYTES > BUFFER_BYTES) {
            refill();
        }
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = value << 8 | (buffer[position++] & 0xFFL);
        }
        return value;
    }

    private void refill() {
        try {
            cipher.update(zeros, 0, BUFFER_BYTES, buffer, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR keystream failed", e);
        }
        position = 0;
    }

    static void requireSeed(byte[] seed, String what) {
        if (seed == null || seed.length != SEED_LENGTH) {
            throw new BadInputException("the " + what + " must be " + SEED_LENGTH + " bytes (got "
                    + (seed == null ? "none" : seed.length + " bytes") + ")");
        }
    }
}
