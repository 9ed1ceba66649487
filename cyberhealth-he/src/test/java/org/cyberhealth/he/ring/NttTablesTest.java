package org.cyberhealth.he.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NttTablesTest {

    private static long[] random(Modulus modulus, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextLong(modulus.value());
        }
        return a;
    }

    @Test
    void forwardEvaluatesAtTheOddPowersOfPsiInBitReversedOrder() {
        int n = 64;
        Modulus modulus = new Modulus(Primes.nttFriendly(40, n, 1, List.of()).get(0));
        NttTables ntt = new NttTables(modulus, n);
        long[] a = random(modulus, n, 4);
        long[] transformed = a.clone();
        ntt.forward(transformed);
        int log = Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) {
            long point = modulus.pow(ntt.psi(), 2L * i + 1);
            long value = 0;
            for (int k = n - 1; k >= 0; k--) {
                value = modulus.add(modulus.multiply(value, point), a[k]);
            }
            assertThat(transformed[Integer.reverse(i) >>> (32 - log)]).as("a(psi^%d)", 2 * i + 1).isEqualTo(value);
        }
    }

    @Test
    void multiplyingTransformsIsNegacyclicConvolution() {
        for (int n : new int[] {2, 16, 1024}) {
            for (int bits : new int[] {30, 61}) {
                Modulus modulus = new Modulus(Primes.nttFriendly(bits, n, 1, List.of()).get(0));
                NttTables ntt = new NttTables(modulus, n);
                long[] a = random(modulus, n, n + bits);
                long[] b = random(modulus, n, 7 * n + bits);
                long[] expected = new long[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        long product = modulus.multiply(a[i], b[j]);
                        int k = i + j;
                        expected[k % n] = k < n ? modulus.add(expected[k], product) : modulus.subtract(expected[k - n], product);
                    }
                }
                long[] fa = a.clone();
                long[] fb = b.clone();
                ntt.forward(fa);
                ntt.forward(fb);
                for (int i = 0; i < n; i++) {
                    fa[i] = modulus.multiply(fa[i], fb[i]);
                }
                ntt.inverse(fa);
                assertThat(fa).as("N = %d, %d-bit q", n, bits).isEqualTo(expected);
            }
        }
    }

    @Test
    void inverseUndoesForwardAtEveryDegree() {
        for (int log = 1; log <= 16; log++) {
            int n = 1 << log;
            Modulus modulus = new Modulus(Primes.nttFriendly(60, n, 1, List.of()).get(0));
            NttTables ntt = new NttTables(modulus, n);
            long[] a = random(modulus, n, log);
            long[] copy = a.clone();
            ntt.forward(copy);
            ntt.inverse(copy);
            assertThat(copy).isEqualTo(a);
        }
    }

    @Test
    void forwardTakesLazilyReducedInputsBelowFourQ() {
        for (int log = 1; log <= 13; log += 4) {
            int n = 1 << log;
            Modulus modulus = new Modulus(Primes.nttFriendly(60, n, 1, List.of()).get(0));
            NttTables ntt = new NttTables(modulus, n);
            long[] a = random(modulus, n, log);
            long[] lazy = a.clone();
            for (int i = 0; i < n; i++) {
                lazy[i] += (i % 4) * modulus.value();
            }
            ntt.forward(a);
            ntt.forward(lazy);
            assertThat(lazy).as("N = %d", n).isEqualTo(a);
        }
    }

    @Test
    void vectorStagesGiveTheScalarStagesNumbers() {
        // Run with --add-modules jdk.incubator.vector (the module's tests are) on AVX-512 hardware; elsewhere
        // there is no vector path to compare.
        Assumptions.assumeTrue(new NttTables(new Modulus(Primes.nttFriendly(40, 16, 1, List.of()).get(0)), 16).vectorised(),
                "no Vector API or no AVX-512 here");
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 16; n <= 16384; n *= 2) {
            // The widest prime the vector stages take, the bench's, and narrow ones; inputs anywhere in the
            // ranges the transforms accept (forward below 4q, inverse below 2q), extremes included.
            for (int bits : new int[] {49, 44, 30, 20}) {
                Modulus modulus = new Modulus(Primes.nttFriendly(bits, n, 1, List.of()).get(0));
                NttTables vector = new NttTables(modulus, n);
                NttTables scalar = new NttTables(modulus, n, false);
                assertThat(vector.vectorised()).isTrue();
                assertThat(scalar.vectorised()).isFalse();
                long q = modulus.value();
                for (int trial = 0; trial < 3; trial++) {
                    long[] forwardIn = new long[n];
                    long[] inverseIn = new long[n];
                    for (int i = 0; i < n; i++) {
                        forwardIn[i] = trial == 0 ? 4 * q - 1 - (i & 1) : random.nextLong(4 * q);
                        inverseIn[i] = trial == 0 ? 2 * q - 1 - (i & 1) : random.nextLong(2 * q);
                    }
                    long[] expected = new long[n];
                    long[] actual = new long[n];
                    scalar.forward(forwardIn, expected);
                    vector.forward(forwardIn, actual);
                    assertThat(actual).as("forward, N = %d, %d bits", n, bits).isEqualTo(expected);
                    scalar.inverse(inverseIn, expected);
                    vector.inverse(inverseIn, actual);
                    assertThat(actual).as("inverse, N = %d, %d bits", n, bits).isEqualTo(expected);
                }
            }
        }
        assertThat(new NttTables(new Modulus(Primes.nttFriendly(50, 1024, 1, List.of()).get(0)), 1024).vectorised())
                .as("above 49 bits the quotient estimate is not safe: scalar").isFalse();
    }
}
