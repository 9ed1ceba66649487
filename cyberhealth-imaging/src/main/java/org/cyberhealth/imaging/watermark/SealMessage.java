package org.cyberhealth.imaging.watermark;

import java.nio.charset.StandardCharsets;
import org.cyberhealth.core.crypto.Digests;
import org.cyberhealth.imaging.ImageIdentity;

/**
 * What the seal's Ed25519 signature covers: the key, the identifying attributes, the original pixels,
 * the pixels under the fragile layer (original plus robust mark), the encrypted record and the recipient
 * code. Changing any of them, or moving the mark to another image, breaks the signature. The second
 * digest lets a holder of the verification key alone check the seal: the robust mark can only be
 * removed with the issuer's secret, so such a verifier takes the original's digest from the bundle,
 * while the issuer recomputes it.
 */
final class SealMessage {

    private static final byte[] DOMAIN = "CyberHealth image seal v1".getBytes(StandardCharsets.US_ASCII);

    private SealMessage() {}

    static byte[] of(byte[] keyId, ImageIdentity identity, byte[] originalDigest, byte[] robustlyMarkedDigest,
            byte[] recordBox, byte[] code) {
        return Digests.sha256(DOMAIN, keyId, Digests.sha256(identity.canonicalBytes()), originalDigest,
                robustlyMarkedDigest, Digests.sha256(recordBox), code);
    }
}
