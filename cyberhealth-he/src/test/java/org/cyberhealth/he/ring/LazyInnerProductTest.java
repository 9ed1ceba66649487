package org.cyberhealth.he.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lazily reduced inner products equal BigInteger sums, across the every-8-terms reduction and at the largest
 * primes; the 49- and 44-bit primes take the Vector API path where the tests run with it (every 3 terms).
 */
class LazyInnerProductTest {

    @Test
    void pairOfInnerProductsAgreesWithBigInteger() {
        SplittableRandom random = new SplittableRandom(3);
        for (long q : new long[] {97, 1152921504606748673L, 0x1FFFFFFFFFFE0001L, (1L << 61) - 1, Primes.nttFriendly(49, 64, 1, List.of()).get(0),
                Primes.nttFriendly(44, 64, 1, List.of()).get(0)}) {
            Modulus modulus = new Modulus(q);
            for (int terms : new int[] {1, 2, 3, 4, 7, 8, 9, 19}) {
                int n = 64;
                long[][] xs = new long[terms][n];
                long[][] ys0 = new long[terms][n];
                long[][] ys1 = new long[terms][n];
                for (int j = 0; j < terms; j++) {
                    for (int k = 0; k < n; k++) {
                        // Half the coefficients at q - 1, the largest products, to test the carries and the bound.
                        xs[j][k] = k % 2 == 0 ? q - 1 : random.nextLong(q);
                        ys0[j][k] = k % 2 == 0 ? q - 1 : random.nextLong(q);
                        ys1[j][k] = random.nextLong(q);
                    }
                }
                long[] out0 = new long[n];
                long[] out1 = new long[n];
                new LazyInnerProduct(n).pair(modulus, xs, ys0, ys1, terms, out0, out1);
                for (int k = 0; k < n; k++) {
                    BigInteger sum0 = BigInteger.ZERO;
                    BigInteger sum1 = BigInteger.ZERO;
                    for (int j = 0; j < terms; j++) {
                        sum0 = sum0.add(BigInteger.valueOf(xs[j][k]).multiply(BigInteger.valueOf(ys0[j][k])));
                        sum1 = sum1.add(BigInteger.valueOf(xs[j][k]).multiply(BigInteger.valueOf(ys1[j][k])));
                    }
                    assertThat(out0[k]).as("q %d, %d terms, k %d", q, terms, k).isEqualTo(sum0.mod(BigInteger.valueOf(q)).longValue());
                    assertThat(out1[k]).isEqualTo(sum1.mod(BigInteger.valueOf(q)).longValue());
                }
            }
        }
    }
}
