package org.cyberhealth.he.ckks;

import java.util.HashMap;
import java.util.Map;

/**
 * The powers x^i of one ciphertext, each made once, when first asked for, by the product tree
 * x^i = x^a x^(i-a) with a the largest power of two below i: x^i lies ceil(log2 i) levels below x, and
 * x^(2a) is the square of x^a, so the giant steps x^(k 2^j) of Paterson-Stockmeyer cost one product each.
 */
final class PowerTable {

    private final ScaledTerms terms;
    private final Map<Integer, Ciphertext> powers = new HashMap<>();

    PowerTable(Ciphertext x, ScaledTerms terms) {
        this.terms = terms;
        powers.put(1, x);
    }

    /** The levels below x at which x^i lies. */
    static int levelsBelow(int i) {
        return i <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(i - 1);
    }

    Ciphertext power(int i) {
        Ciphertext known = powers.get(i);
        if (known != null) {
            return known;
        }
        int a = Integer.highestOneBit(i - 1);
        Ciphertext power = terms.rescale(terms.product(power(a), power(i - a)));
        powers.put(i, power);
        return power;
    }
}
