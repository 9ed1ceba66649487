package org.cyberhealth.he.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RnsBasisTest {

    @Test
    void composeInvertsDecomposeForNumbersOfEverySign() {
        List<Modulus> moduli = Primes.nttFriendly(60, 8192, 3, List.of()).stream().map(Modulus::new).toList();
        RnsBasis basis = new RnsBasis(moduli);
        Random random = new Random(5);
        for (int i = 0; i < 1_000; i++) {
            BigInteger x = new BigInteger(basis.product().bitLength() - 2, random);
            if (i % 2 == 1) {
                x = x.negate();
            }
            assertThat(basis.composeCentred(basis.decompose(x))).isEqualTo(x);
            assertThat(basis.compose(basis.decompose(x))).isEqualTo(x.mod(basis.product()));
        }
        assertThat(basis.log2Product()).isCloseTo(180, within(0.01));
    }

    @Test
    void refusesModuliThatShareAFactor() {
        assertThatThrownBy(() -> new RnsBasis(List.of(new Modulus(97), new Modulus(97))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coprime");
    }

    @Test
    void theSecurityStandardBoundsTheModulus() {
        SecurityStandard.require128Bits(8192, 218);
        assertThatThrownBy(() -> SecurityStandard.require128Bits(8192, 218.5)).hasMessageContaining("128-bit security bound 218 for N = 8192");
        assertThatThrownBy(() -> SecurityStandard.require128Bits(16384, 439)).hasMessageContaining("438");
        assertThat(SecurityStandard.maxLog2Modulus(65536)).isEqualTo(1772);
        assertThatThrownBy(() -> SecurityStandard.maxLog2Modulus(3000)).isInstanceOf(IllegalArgumentException.class);
    }
}
