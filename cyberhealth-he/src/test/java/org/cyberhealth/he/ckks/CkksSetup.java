package org.cyberhealth.he.ckks;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.cyberhealth.he.ring.Ring;

/** Tests' CKKS context: parameters, a reproducible key set and the objects that use it. */
public record CkksSetup(CkksParameters parameters, Ring ring, Sampler sampler, KeyGenerator generator, SecretKey secret, Encoder encoder,
        Encryptor encryptor, Decryptor decryptor, Evaluator evaluator) {

    /** Keys drawn from a seeded generator, so a failing test fails the same way again. */
    public static CkksSetup of(CkksParameters parameters, long seed) {
        try {
            Ring ring = parameters.ring();
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            Sampler sampler = new Sampler(ring, random);
            KeyGenerator generator = new KeyGenerator(parameters, ring, sampler);
            SecretKey secret = generator.secretKey();
            return new CkksSetup(parameters, ring, sampler, generator, secret, new Encoder(parameters, ring),
                    new Encryptor(ring, generator.publicKey(secret), sampler), new Decryptor(ring, secret), new Evaluator(parameters, ring));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public SwitchingKey relinearisationKey() {
        return generator.relinearisationKey(secret);
    }

    public GaloisKeys galoisKeys(int[] steps, boolean conjugation) {
        return generator.galoisKeys(secret, steps, conjugation);
    }

    public Ciphertext encrypt(double[] values) {
        return encryptor.encrypt(encoder.encode(values, parameters.maxLevel(), parameters.scale()));
    }

    public double[] decrypt(Ciphertext c) {
        return encoder.decode(decryptor.decrypt(c))[0];
    }
}
