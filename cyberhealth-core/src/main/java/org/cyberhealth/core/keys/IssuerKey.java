package org.cyberhealth.core.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Hkdf;

/**
 * An issuer's key: an Ed25519 signing key that seals what the issuer hands out, and a 256-bit secret
 * from which HKDF derives every other key (embedding, record encryption, block tags, tracing codes).
 * Each purpose gets its own derived key so that one leaking does not expose the others.
 *
 * <p>{@link #toString()} never prints key material.
 */
public final class IssuerKey {

    /** The purposes keys are derived for; the labels are part of the file format and never change. */
    public enum Purpose {
        EMBEDDING("cyberhealth/v1/embedding"),
        RECORD_ENCRYPTION("cyberhealth/v1/record-encryption"),
        BLOCK_TAGS("cyberhealth/v1/block-tags"),
        RECIPIENT_CODES("cyberhealth/v1/recipient-codes"),
        TABLE_MARKS("cyberhealth/v1/table-marks"),
        TABLE_FINGERPRINTS("cyberhealth/v1/table-fingerprints"),
        MODEL_WATERMARK("cyberhealth/v1/model-watermark"),
        TRIGGER_SET("cyberhealth/v1/trigger-set"),
        RADIOACTIVE_DATA("cyberhealth/v1/radioactive-data");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }
    }

    static final int SECRET_LENGTH = 32;

    private final String issuer;
    private final PrivateKey signingKey;
    private final VerificationKey verificationKey;
    private final byte[] secret;

    private IssuerKey(String issuer, PrivateKey signingKey, VerificationKey verificationKey, byte[] secret) {
        this.issuer = issuer;
        this.signingKey = signingKey;
        this.verificationKey = verificationKey;
        this.secret = secret;
    }

    /** A fresh key from the system's strong random source. */
    public static IssuerKey generate(String issuer) {
        try {
            SecureRandom random = SecureRandom.getInstanceStrong();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, random);
            KeyPair pair = generator.generateKeyPair();
            byte[] secret = new byte[SECRET_LENGTH];
            random.nextBytes(secret);
            return new IssuerKey(issuer, pair.getPrivate(), new VerificationKey(issuer, pair.getPublic()), secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /** Rebuilds a key from its stored parts (PKCS#8 signing key, X.509 public key, secret). */
    static IssuerKey fromEncoded(String issuer, byte[] pkcs8, byte[] x509, byte[] secret) {
        if (secret.length != SECRET_LENGTH) {
            throw new BadInputException("the key file's secret has the wrong length");
        }
        PrivateKey signing;
        try {
            signing = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadInputException("the key file's signing key is not a valid Ed25519 private key");
        }
        IssuerKey key = new IssuerKey(issuer, signing, VerificationKey.fromEncoded(issuer, x509), secret.clone());
        byte[] probe = "cyberhealth key self-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!key.verificationKey.verifies(probe, key.sign(probe))) {
            throw new BadInputException("the key file's signing key does not match its public key");
        }
        return key;
    }

    public String issuer() {
        return issuer;
    }

    public VerificationKey verificationKey() {
        return verificationKey;
    }

    public String keyId() {
        return verificationKey.keyId();
    }

    /** The Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(signingKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The 32-byte key for {@code purpose}, derived with HKDF-SHA256 from the secret. */
    public byte[] derive(Purpose purpose) {
        return Hkdf.derive(secret, purpose.label, 32);
    }

    byte[] encodedSigningKey() {
        return signingKey.getEncoded();
    }

    byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "IssuerKey[issuer=" + issuer + ", keyId=" + keyId() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssuerKey && ((IssuerKey) o).keyId().equals(keyId())
                && Arrays.equals(((IssuerKey) o).secret, secret);
    }

    @Override
    public int hashCode() {
        return keyId().hashCode();
    }
}
