package org.cyberhealth.he.ckks;

import java.util.Map;
import java.util.Set;

/** Switching keys from s(X^g) to s, one per Galois element g: the rotations (g = 5^r) and conjugation (g = 2N - 1) they allow. */
public record GaloisKeys(Map<Integer, SwitchingKey> keys) {

    public GaloisKeys {
        keys = Map.copyOf(keys);
    }

    SwitchingKey key(int galoisElement) {
        SwitchingKey key = keys.get(galoisElement);
        if (key == null) {
            throw new IllegalArgumentException("no Galois key for element " + galoisElement + ": generate one for this rotation");
        }
        return key;
    }

    public Set<Integer> elements() {
        return keys.keySet();
    }

    /** The Galois element that rotates the slots left by {@code steps} (negative: right). */
    public static int rotation(int ringDegree, int steps) {
        int slots = ringDegree / 2;
        long twoN = 2L * ringDegree;
        long element = 1;
        for (int i = 0; i < Math.floorMod(steps, slots); i++) {
            element = element * 5 % twoN;
        }
        return (int) element;
    }

    public static int conjugation(int ringDegree) {
        return 2 * ringDegree - 1;
    }
}
