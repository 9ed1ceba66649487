package org.cyberhealth.he.ckks;

import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/** Decryption: m = c_0 + c_1 s (+ c_2 s^2), the plaintext at the ciphertext's level and scale. */
public final class Decryptor {

    private final Ring ring;
    private final SecretKey key;

    public Decryptor(Ring ring, SecretKey key) {
        this.ring = ring;
        this.key = key;
    }

    public Plaintext decrypt(Ciphertext ciphertext) {
        int primes = ciphertext.level() + 1;
        RnsPoly s = key.poly().prefix(primes);
        RnsPoly m = ciphertext.part(0).copy();
        ring.multiplyAddInPlace(m, ciphertext.part(1), s);
        if (ciphertext.size() == 3) {
            ring.multiplyAddInPlace(m, ciphertext.part(2), ring.multiply(s, s));
        }
        return new Plaintext(m, ciphertext.level(), ciphertext.scale());
    }
}
