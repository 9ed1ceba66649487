package org.cyberhealth.he.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrimesTest {

    @Test
    void primalityIsExactAgainstBigInteger() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            long n = i < 2_000 ? i : random.nextLong(1L << 61);
            assertThat(Primes.isPrime(n)).as("%d", n).isEqualTo(BigInteger.valueOf(n).isProbablePrime(60));
        }
        // Strong pseudoprimes to several small bases must still be found composite.
        assertThat(Primes.isPrime(3215031751L)).isFalse();
        assertThat(Primes.isPrime(341550071728321L)).isFalse();
        assertThat(Primes.isPrime((1L << 61) - 1)).isTrue();
    }

    @Test
    void nttFriendlyPrimesHaveTheRightSizeAndResidue() {
        for (int degree : new int[] {4096, 16384, 65536}) {
            for (int bits : new int[] {30, 40, 60}) {
                List<Long> primes = Primes.nttFriendly(bits, degree, 5, List.of());
                assertThat(primes).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
                for (long q : primes) {
                    assertThat(64 - Long.numberOfLeadingZeros(q)).isEqualTo(bits);
                    assertThat(q % (2L * degree)).isEqualTo(1);
                    assertThat(BigInteger.valueOf(q).isProbablePrime(60)).isTrue();
                }
                List<Long> next = Primes.nttFriendly(bits, degree, 2, primes);
                assertThat(next).doesNotContainAnyElementsOf(primes);
            }
        }
    }

    @Test
    void theRootHasOrderExactly2N() {
        Modulus modulus = new Modulus(Primes.nttFriendly(50, 8192, 1, List.of()).get(0));
        long psi = Primes.primitiveRoot(modulus, 8192);
        assertThat(modulus.pow(psi, 8192)).isEqualTo(modulus.value() - 1);
        assertThat(modulus.pow(psi, 16384)).isEqualTo(1);
    }
}
