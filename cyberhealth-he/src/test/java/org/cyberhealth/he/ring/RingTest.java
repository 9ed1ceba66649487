package org.cyberhealth.he.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Signed coefficients reach their residues exactly (floorMod), up to the 2^62 bound, for small and 61-bit primes. */
class RingTest {

    @Test
    void signedCoefficientsBecomeTheirResidues() {
        int n = 64;
        List<Long> primes = new ArrayList<>(Primes.nttFriendly(60, n, 1, List.of()));
        primes.addAll(Primes.nttFriendly(20, n, 1, primes));
        primes.addAll(Primes.nttFriendly(44, n, 1, primes));
        Ring ring = new Ring(n, primes);
        SplittableRandom random = new SplittableRandom(6);
        long max = (1L << 62) - 1;
        long[] c = new long[n];
        long[] edges = {0, 1, -1, max, -max, primes.get(0), -primes.get(0), -primes.get(1) - 1};
        for (int k = 0; k < n; k++) {
            c[k] = k < edges.length ? edges[k] : random.nextLong(-max, max) >> random.nextInt(62);
        }
        RnsPoly p = ring.fromSigned(c, primes.size());
        for (int i = 0; i < primes.size(); i++) {
            for (int k = 0; k < n; k++) {
                assertThat(p.row(i)[k]).as("%d mod %d", c[k], primes.get(i)).isEqualTo(Math.floorMod(c[k], primes.get(i)));
            }
        }
    }
}
