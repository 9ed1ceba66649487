package org.cyberhealth.he.ckks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The stream is AES-256-CTR's key stream read as big-endian words, across its internal block refills: what a seed expands to never changes. */
class RandomStreamTest {

    @Test
    void wordsAreTheBigEndianAesCounterKeyStream() throws Exception {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (7 * i + 1);
        }
        int words = 5000;
        Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
        ByteBuffer expected = ByteBuffer.wrap(aes.doFinal(new byte[8 * words]));
        RandomStream stream = new RandomStream(seed);
        for (int i = 0; i < words; i++) {
            assertThat(stream.nextLong()).as("word %d", i).isEqualTo(expected.getLong());
        }
    }
}
