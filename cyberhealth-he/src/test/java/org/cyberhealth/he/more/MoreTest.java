package org.cyberhealth.he.more;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoreTest {

    @Test
    void floatMoreIsHomomorphicForSumsProductsScalingsAndConstants() {
        FloatMore more = new FloatMore(new SplittableRandom(1), 10);
        FloatMore.Key key = more.newKey();
        Matrix2 x = more.encrypt(key, 1.5);
        Matrix2 y = more.encrypt(key, -0.25);
        assertThat(more.decrypt(key, x)).isCloseTo(1.5, within(1e-12));
        assertThat(more.decrypt(key, x.plus(y))).isCloseTo(1.25, within(1e-12));
        assertThat(more.decrypt(key, x.times(y))).isCloseTo(-0.375, within(1e-12));
        assertThat(more.decrypt(key, x.scaled(3).plusConstant(2))).isCloseTo(6.5, within(1e-12));
        assertThat(x.times(y).entries()).containsExactly(y.times(x).entries(), within(1e-9));
    }

    @Test
    void oneKnownPairDecryptsEveryOtherCiphertext() {
        SplittableRandom random = new SplittableRandom(2);
        FloatMore more = new FloatMore(random, 10);
        FloatMore.Key key = more.newKey();
        KnownPlaintextAttack attack = new KnownPlaintextAttack(0.7, more.encrypt(key, 0.7));
        for (int i = 0; i < 1_000; i++) {
            double secret = random.nextDouble() * 200 - 100;
            assertThat(attack.decrypt(more.encrypt(key, secret))).isCloseTo(secret, within(1e-8 * Math.max(1, Math.abs(secret))));
        }
    }

    @Test
    void ciphertextsAloneGiveThePlaintextsUpToOneBit() {
        SplittableRandom random = new SplittableRandom(3);
        FloatMore more = new FloatMore(random, 10);
        FloatMore.Key key = more.newKey();
        double[] image = new double[256];
        Matrix2[] encrypted = new Matrix2[image.length];
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.round(128 + 100 * Math.sin(i / 10.0));
            encrypted[i] = more.encrypt(key, image[i]);
        }
        EigenvectorAttack attack = new EigenvectorAttack(encrypted[0]);
        int firstMatches = 0;
        int secondMatches = 0;
        for (int i = 0; i < image.length; i++) {
            double[] candidates = attack.candidates(encrypted[i]);
            firstMatches += Math.abs(candidates[0] - image[i]) < 1e-6 ? 1 : 0;
            secondMatches += Math.abs(candidates[1] - image[i]) < 1e-6 ? 1 : 0;
        }
        assertThat(Math.max(firstMatches, secondMatches)).isEqualTo(image.length);
        assertThat(Math.min(firstMatches, secondMatches)).isLessThan(image.length / 10);
    }

    @Test
    void modularMoreIsHomomorphicAndFallsToOneKnownPair() {
        SecureRandom random = new SecureRandom(new byte[] {4});
        ModularMore more = new ModularMore(random);
        ModularMore.Key key = more.newKey(512);
        BigInteger n = key.modulus();
        BigInteger[] x = more.encrypt(key, BigInteger.valueOf(12345));
        BigInteger[] y = more.encrypt(key, BigInteger.valueOf(678));
        assertThat(more.decrypt(key, ModularMore.add(x, y, n))).isEqualTo(BigInteger.valueOf(13023));
        assertThat(more.decrypt(key, ModularMore.multiply(x, y, n))).isEqualTo(BigInteger.valueOf(12345L * 678));
        var attack = ModularMore.recoverFrom(BigInteger.valueOf(12345), x, n);
        for (int i = 0; i < 100; i++) {
            BigInteger secret = new BigInteger(500, random);
            assertThat(attack.apply(more.encrypt(key, secret))[0]).isEqualTo(secret);
        }
    }
}
