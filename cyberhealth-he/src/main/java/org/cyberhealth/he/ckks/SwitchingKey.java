package org.cyberhealth.he.ckks;

import java.util.List;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * A key-switching key from a secret s' to s: for each chain prime q_j, an encryption under s, over the
 * chain and the special prime P, of P s' in the q_j row only (b_j = -a_j s + e_j + [j = i] P s' mod q_i,
 * and -a_j s + e_j mod P): the RNS gadget of Bajard et al. / Cheon et al. with one special prime. A
 * ciphertext component d is switched by summing [d]_(q_j) (b_j, a_j) and dividing by P.
 */
public record SwitchingKey(List<RnsPoly> b, List<RnsPoly> a, List<byte[]> seeds) {

    /** The a_j are uniform, each expanded from its seed, which is what a serialised key carries instead. */
    public SwitchingKey {
        b = List.copyOf(b);
        a = List.copyOf(a);
        seeds = List.copyOf(seeds);
        if (b.size() != a.size() || a.size() != seeds.size()) {
            throw new IllegalArgumentException("one b, one a and one seed per chain prime");
        }
    }
}
