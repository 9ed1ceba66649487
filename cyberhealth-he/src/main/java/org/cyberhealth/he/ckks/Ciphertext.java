package org.cyberhealth.he.ckks;

import java.util.List;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * A CKKS ciphertext: components c_0, c_1 (and c_2 after a multiplication, until relinearised) in NTT form
 * over the first level + 1 primes, decrypting to c_0 + c_1 s (+ c_2 s^2), a plaintext at {@code scale}.
 */
public record Ciphertext(List<RnsPoly> parts, int level, double scale) {

    public Ciphertext {
        parts = List.copyOf(parts);
        if (parts.size() < 2 || parts.size() > 3) {
            throw new IllegalArgumentException("a ciphertext has 2 or 3 components, got " + parts.size());
        }
    }

    public int size() {
        return parts.size();
    }

    public RnsPoly part(int i) {
        return parts.get(i);
    }
}
