package org.cyberhealth.he.ckks;

import java.util.List;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * Public-key encryption: (c_0, c_1) = (b u + e_0 + m, a u + e_1) with u ternary and e_0, e_1 Gaussian, at
 * the plaintext's level. The secret key is not needed (the client that holds it uses the same path).
 */
public final class Encryptor {

    private final Ring ring;
    private final PublicKey key;
    private final Sampler sampler;

    public Encryptor(Ring ring, PublicKey key, Sampler sampler) {
        this.ring = ring;
        this.key = key;
        this.sampler = sampler;
    }

    public Ciphertext encrypt(Plaintext plaintext) {
        int primes = plaintext.level() + 1;
        RnsPoly u = ring.fromSigned(sampler.ternary(), primes);
        ring.forward(u);
        RnsPoly c0 = ring.fromSigned(sampler.gaussian(), primes);
        ring.forward(c0);
        ring.multiplyAddInPlace(c0, key.b().prefix(primes), u);
        ring.addInPlace(c0, plaintext.poly());
        RnsPoly c1 = ring.fromSigned(sampler.gaussian(), primes);
        ring.forward(c1);
        ring.multiplyAddInPlace(c1, key.a().prefix(primes), u);
        return new Ciphertext(List.of(c0, c1), plaintext.level(), plaintext.scale());
    }
}
