package org.cyberhealth.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    @Test
    void matchesTheJdkMacForKeysAndMessagesOfEveryLength() throws Exception {
        Random random = new Random(7);
        for (int keyLength : new int[] {1, 32, 64, 65, 200}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            HmacSha256 ours = new HmacSha256(key);
            for (int length = 0; length < 150; length += 7) {
                byte[] message = new byte[length];
                random.nextBytes(message);
                byte[] out = new byte[32];
                ours.update(message, 0, length / 2);
                ours.update(message, length / 2, length - length / 2);
                ours.doFinal(out);
                assertThat(out).as("key %d bytes, message %d bytes", keyLength, length).isEqualTo(jdk.doFinal(message));
            }
        }
    }

    @Test
    void rfc4231TestCase2() {
        HmacSha256 mac = new HmacSha256("Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        mac.update("what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] out = new byte[32];
        mac.doFinal(out);
        assertThat(java.util.HexFormat.of().formatHex(out))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
