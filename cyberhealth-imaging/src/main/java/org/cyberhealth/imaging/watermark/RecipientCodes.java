package org.cyberhealth.imaging.watermark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.cyberhealth.core.crypto.Hkdf;
import org.cyberhealth.core.keys.IssuerKey;

/**
 * The 64-bit code of a recipient that the robust mark carries: a keyed hash of the recipient id, so
 * that only the issuer can tell which recipient a code belongs to, and codes of different recipients
 * are unrelated (about half their bits differ).
 */
public final class RecipientCodes {

    private RecipientCodes() {}

    public static byte[] of(IssuerKey key, String recipient) {
        byte[] mac = Hkdf.hmac(key.derive(IssuerKey.Purpose.RECIPIENT_CODES), recipient.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac, SealBundle.CODE_BYTES);
    }
}
