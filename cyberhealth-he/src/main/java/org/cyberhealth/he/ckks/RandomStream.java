package org.cyberhealth.he.ckks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deterministic stream of random words from a 32-byte seed: AES-256 in counter mode over zero blocks,
 * a standard pseudo-random generator (NIST SP 800-90A's CTR_DRBG core without its reseeding). Fast enough
 * to draw every coefficient of a ring element, and reproducible from the seed, which is what lets a
 * uniform polynomial travel as its seed. Not thread-safe.
 */
final class RandomStream {

    /** Eight bytes of the block as one big-endian word, in one load. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Cipher aes;
    private final byte[] zeros = new byte[16 * 1024];
    private final byte[] block = new byte[zeros.length];
    private int used = block.length;

    RandomStream(byte[] seed) {
        try {
            aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every Java runtime", e);
        }
    }

    long nextLong() {
        if (used == block.length) {
            try {
                aes.update(zeros, 0, zeros.length, block, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            used = 0;
        }
        long word = (long) WORD.get(block, used);
        used += 8;
        return word;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
