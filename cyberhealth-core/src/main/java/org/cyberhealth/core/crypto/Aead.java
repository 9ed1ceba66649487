package org.cyberhealth.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce, packed as {@code nonce || ciphertext || tag}. Used for data
 * that only the key holder may read (the traceability record of a watermark).
 */
public final class Aead {

    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aead() {}

    public static byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_LENGTH + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Decrypts a box made by {@link #seal}.
     *
     * @throws AEADBadTagException if the key is wrong or the box or its associated data changed
     */
    public static byte[] open(byte[] key, byte[] box, byte[] associatedData) throws AEADBadTagException {
        if (box.length < NONCE_LENGTH + TAG_LENGTH) {
            throw new AEADBadTagException("sealed box too short");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(box, NONCE_LENGTH);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
            cipher.updateAAD(associatedData);
            return cipher.doFinal(box, NONCE_LENGTH, box.length - NONCE_LENGTH);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        return cipher;
    }
}
