package org.cyberhealth.he.ckks;

/**
 * A fresh secret-key ciphertext whose c_1 is the uniform polynomial that {@code seed} expands to: it
 * travels as c_0 and the 32-byte seed ({@link CkksFormat#write(CkksParameters, SeededCiphertext)}), about
 * half the bytes of a public-key ciphertext. Any homomorphic operation makes c_1 a function of more than
 * the seed, so only fresh ciphertexts are seeded.
 */
public record SeededCiphertext(Ciphertext ciphertext, byte[] seed) {

    public SeededCiphertext {
        if (ciphertext.size() != 2 || seed.length != Sampler.SEED_BYTES) {
            throw new IllegalArgumentException("a seeded ciphertext has two components and a " + Sampler.SEED_BYTES + "-byte seed");
        }
        seed = seed.clone();
    }

    @Override
    public byte[] seed() {
        return seed.clone();
    }
}
