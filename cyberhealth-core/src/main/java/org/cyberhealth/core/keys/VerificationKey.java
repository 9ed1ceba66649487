package org.cyberhealth.core.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Digests;

/**
 * The public half of an issuer key: it checks seals (Ed25519 signatures) but cannot make them, and it
 * cannot read traceability records. This is what an issuer hands to recipients.
 */
public final class VerificationKey {

    private final String issuer;
    private final PublicKey publicKey;
    private final byte[] encoded;

    VerificationKey(String issuer, PublicKey publicKey) {
        this.issuer = issuer;
        this.publicKey = publicKey;
        this.encoded = publicKey.getEncoded();
    }

    /** Rebuilds a key from its X.509 encoding. */
    public static VerificationKey fromEncoded(String issuer, byte[] x509) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            return new VerificationKey(issuer, key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadInputException("the verification key is not a valid Ed25519 public key");
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The X.509 SubjectPublicKeyInfo encoding of the key. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** A short public fingerprint (16 hex digits of SHA-256 of the encoded key) naming the key. */
    public String keyId() {
        return HexFormat.of().formatHex(keyIdBytes());
    }

    /** The 8 bytes behind {@link #keyId()}, as embedded in watermarks. */
    public byte[] keyIdBytes() {
        return java.util.Arrays.copyOf(Digests.sha256(encoded), 8);
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
