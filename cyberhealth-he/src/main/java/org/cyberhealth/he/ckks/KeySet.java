package org.cyberhealth.he.ckks;

import java.security.SecureRandom;
import org.cyberhealth.he.ring.Ring;

/**
 * A fresh secret key and what its holder works with: the encoder, an encryptor under the matching
 * public key, a secret-key encryptor (what the holder sends: half the bytes, less noise), a decryptor,
 * and the evaluation keys it hands to a server. The secret itself never leaves
 * this object (and its {@link #toString()} shows nothing).
 */
public final class KeySet {

    private final CkksParameters parameters;
    private final Ring ring;
    private final KeyGenerator generator;
    private final SecretKey secret;
    private final Encoder encoder;
    private final Encryptor encryptor;
    private final SecretKeyEncryptor secretKeyEncryptor;
    private final Decryptor decryptor;

    private KeySet(CkksParameters parameters, SecureRandom random) {
        this.parameters = parameters;
        ring = parameters.ring();
        Sampler sampler = new Sampler(ring, random);
        generator = new KeyGenerator(parameters, ring, sampler);
        secret = generator.secretKey();
        encoder = new Encoder(parameters, ring);
        encryptor = new Encryptor(ring, generator.publicKey(secret), sampler);
        secretKeyEncryptor = new SecretKeyEncryptor(ring, secret, sampler);
        decryptor = new Decryptor(ring, secret);
    }

    /** A new key set; {@code random} seeds every secret and every uniform part. */
    public static KeySet generate(CkksParameters parameters, SecureRandom random) {
        return new KeySet(parameters, random);
    }

    public CkksParameters parameters() {
        return parameters;
    }

    public Ring ring() {
        return ring;
    }

    public Encoder encoder() {
        return encoder;
    }

    public Encryptor encryptor() {
        return encryptor;
    }

    public SecretKeyEncryptor secretKeyEncryptor() {
        return secretKeyEncryptor;
    }

    public Decryptor decryptor() {
        return decryptor;
    }

    public SwitchingKey relinearisationKey() {
        return generator.relinearisationKey(secret);
    }

    public GaloisKeys galoisKeys(int[] steps, boolean conjugation) {
        return generator.galoisKeys(secret, steps, conjugation);
    }

    @Override
    public String toString() {
        return "KeySet[" + parameters.describe() + ", secret hidden]";
    }
}
