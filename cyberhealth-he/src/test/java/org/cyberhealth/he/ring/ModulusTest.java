package org.cyberhealth.he.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModulusTest {

    private static final long[] MODULI = {2, 3, 97, 65537, (1L << 31) - 1, 1152921504606748673L, (1L << 61) - 1, 0x1FFFFFFFFFFE0001L};

    @Test
    void productsAndShoupProductsAgreeWithBigIntegerArithmetic() {
        SplittableRandom random = new SplittableRandom(1);
        for (long q : MODULI) {
            Modulus modulus = new Modulus(q);
            BigInteger big = BigInteger.valueOf(q);
            long[] edges = {0, 1, q - 1, q / 2, q - 2 < 0 ? 0 : q - 2};
            for (int i = 0; i < 20_000; i++) {
                long a = i < edges.length * edges.length ? edges[i / edges.length] : random.nextLong(q);
                long b = i < edges.length * edges.length ? edges[i % edges.length] : random.nextLong(q);
                long expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(big).longValue();
                assertThat(modulus.multiply(a, b)).as("%d * %d mod %d", a, b, q).isEqualTo(expected);
                assertThat(modulus.multiplyShoup(a, b, modulus.shoup(b))).isEqualTo(expected);
                long lazyInput = a + 3 * q;
                long lazy = modulus.multiplyShoupLazy(lazyInput, b, modulus.shoup(b));
                assertThat(lazy).isBetween(0L, 2 * q - 1);
                assertThat(lazy % q).isEqualTo(BigInteger.valueOf(lazyInput).multiply(BigInteger.valueOf(b)).mod(big).longValue());
                assertThat(modulus.add(a, b)).isEqualTo((a + b) % q);
                assertThat(modulus.subtract(a, b)).isEqualTo(Math.floorMod(a - b, q));
            }
        }
    }

    @Test
    void reducesEveryNonNegativeLongAtEverySize() {
        SplittableRandom random = new SplittableRandom(4);
        for (long q : MODULI) {
            Modulus modulus = new Modulus(q);
            long[] edges = {0, 1, q - 1, q, Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / q * q};
            for (long a : edges) {
                assertThat(modulus.reduce(a)).as("%d mod %d", a, q).isEqualTo(a % q);
            }
            for (int i = 0; i < 20_000; i++) {
                long a = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
                assertThat(modulus.reduce(a)).as("%d mod %d", a, q).isEqualTo(a % q);
            }
        }
    }

    @Test
    void reducesEveryNonNegativeLongAndInverts() {
        Modulus modulus = new Modulus((1L << 61) - 1);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 10_000; i++) {
            long a = random.nextLong(Long.MAX_VALUE);
            assertThat(modulus.reduce(a)).isEqualTo(a % modulus.value());
            long x = 1 + random.nextLong(modulus.value() - 1);
            assertThat(modulus.multiply(x, modulus.inverse(x))).isEqualTo(1);
        }
        assertThatThrownBy(() -> modulus.inverse(0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesModuliAbove61Bits() {
        assertThatThrownBy(() -> new Modulus(1L << 61)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("61 bits");
        assertThatThrownBy(() -> new Modulus(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
