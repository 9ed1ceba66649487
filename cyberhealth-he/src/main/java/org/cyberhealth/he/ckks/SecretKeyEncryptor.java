package org.cyberhealth.he.ckks;

import java.util.List;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * Secret-key encryption, the ring-LWE sample itself (Lyubashevsky, Peikert and Regev, EUROCRYPT 2010):
 * (c_0, c_1) = (-a s + e + m, a) with a uniform and e Gaussian, at the plaintext's level (SEAL calls it
 * symmetric encryption and sends it seeded the same way). The client that holds s uses
 * it for what it sends: a is expanded from a fresh seed, so the ciphertext travels as c_0 and the seed
 * (half the bytes of a public-key ciphertext), and its fresh noise is e alone, where public-key encryption
 * adds e_0 + e_1 s + e u of the public key's noise. Decrypts with the same {@link Decryptor}.
 */
public final class SecretKeyEncryptor {

    private final Ring ring;
    private final SecretKey key;
    private final Sampler sampler;

    public SecretKeyEncryptor(Ring ring, SecretKey key, Sampler sampler) {
        this.ring = ring;
        this.key = key;
        this.sampler = sampler;
    }

    public SeededCiphertext encrypt(Plaintext plaintext) {
        int primes = plaintext.level() + 1;
        byte[] seed = sampler.seed();
        RnsPoly a = sampler.uniform(seed, primes);
        RnsPoly c0 = ring.fromSigned(sampler.gaussian(), primes);
        ring.forward(c0);
        ring.addInPlace(c0, plaintext.poly());
        ring.subtractInPlace(c0, ring.multiply(a, key.poly().prefix(primes)));
        return new SeededCiphertext(new Ciphertext(List.of(c0, a), plaintext.level(), plaintext.scale()), seed);
    }
}
