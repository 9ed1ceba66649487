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
        RnsPoly s = key.poly().truncated(primes);
        RnsPoly m = ciphertext.part(0).copy();
        RnsPoly power = s.copy();
        for (int i = 1; i < ciphertext.size(); i++) {
            ring.multiplyAddInPlace(m, ciphertext.part(i), power);
            if (i + 1 < ciphertext.size()) {
                ring.multiplyInPlace(power, s);
            }
        }
        return new Plaintext(m, ciphertext.level(), ciphertext.scale());
    }
}
