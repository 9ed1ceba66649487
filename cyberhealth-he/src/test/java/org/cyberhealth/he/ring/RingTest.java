package org.cyberhealth.he.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ring kernels against their definitions: signed coefficients to residues (floorMod), the fused tensor against separate products, the scaled difference against BigInteger. */
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

    @Test
    void tensorEqualsTheSeparateProducts() {
        int n = 256;
        // A 61-bit prime takes the general reduction for the middle sum, the others the one-word one.
        List<Long> primes = new ArrayList<>(Primes.nttFriendly(61, n, 1, List.of()));
        primes.addAll(Primes.nttFriendly(60, n, 1, primes));
        primes.addAll(Primes.nttFriendly(30, n, 1, primes));
        // 49 and 44 bits: the Vector API path where the tests run with it, against the scalar products.
        primes.addAll(Primes.nttFriendly(49, n, 1, primes));
        primes.addAll(Primes.nttFriendly(44, n, 1, primes));
        Ring ring = new Ring(n, primes);
        SplittableRandom random = new SplittableRandom(7);
        RnsPoly[] x = new RnsPoly[4];
        for (int p = 0; p < 4; p++) {
            x[p] = ring.zero(primes.size(), true);
            for (int i = 0; i < primes.size(); i++) {
                for (int k = 0; k < n; k++) {
                    x[p].row(i)[k] = k < 4 ? primes.get(i) - 1 : random.nextLong(primes.get(i));
                }
            }
        }
        RnsPoly[] d = ring.tensor(x[0], x[1], x[2], x[3]);
        RnsPoly middle = ring.multiply(x[0], x[3]);
        ring.multiplyAddInPlace(middle, x[1], x[2]);
        for (int i = 0; i < primes.size(); i++) {
            assertThat(d[0].row(i)).isEqualTo(ring.multiply(x[0], x[2]).row(i));
            assertThat(d[1].row(i)).as("prime %d", primes.get(i)).isEqualTo(middle.row(i));
            assertThat(d[2].row(i)).isEqualTo(ring.multiply(x[1], x[3]).row(i));
        }
    }

    @Test
    void subtractAndScaleRowAgreesWithBigInteger() {
        int n = 64;
        // 60 bits: scalar; 49 and 44 bits: the Vector API path where the tests run with it.
        List<Long> primes = new ArrayList<>(Primes.nttFriendly(60, n, 1, List.of()));
        primes.addAll(Primes.nttFriendly(49, n, 1, primes));
        primes.addAll(Primes.nttFriendly(44, n, 1, primes));
        Ring ring = new Ring(n, primes);
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < primes.size(); i++) {
            long q = primes.get(i);
            for (boolean withAddend : new boolean[] {false, true}) {
                long[] minuend = new long[n];
                long[] row = new long[n];
                long[] addend = new long[n];
                for (int k = 0; k < n; k++) {
                    // The extremes first: q - 1 against 0 and the other way round.
                    minuend[k] = k == 0 ? q - 1 : k == 1 ? 0 : random.nextLong(q);
                    row[k] = k == 0 ? 0 : k == 1 ? q - 1 : random.nextLong(q);
                    addend[k] = k < 2 ? q - 1 : random.nextLong(q);
                }
                long factor = q - 1 - random.nextLong(q / 2);
                long[] result = row.clone();
                ring.subtractAndScaleRow(i, minuend, result, factor, withAddend ? addend : null);
                BigInteger modulus = BigInteger.valueOf(q);
                for (int k = 0; k < n; k++) {
                    BigInteger expected = BigInteger.valueOf(minuend[k] - row[k]).multiply(BigInteger.valueOf(factor))
                            .add(BigInteger.valueOf(withAddend ? addend[k] : 0)).mod(modulus);
                    assertThat(result[k]).as("q %d, k %d", q, k).isEqualTo(expected.longValue());
                }
            }
        }
    }
}
