package org.cyberhealth.he.ckks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.cyberhealth.he.ring.Ring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every operation checked against the same arithmetic on the plain numbers, with a precision bound. */
class CkksTest {

    static CkksParameters parameters;
    static CkksSetup setup;
    static Ring ring;
    static Encoder encoder;
    static SecretKey secret;
    static Encryptor encryptor;
    static Decryptor decryptor;
    static Evaluator evaluator;
    static SwitchingKey relinearisation;
    static Sampler sampler;

    @BeforeAll
    static void keys() {
        parameters = CkksParameters.preset("depth2-n8192");
        setup = CkksSetup.of(parameters, 42);
        ring = setup.ring();
        sampler = setup.sampler();
        secret = setup.secret();
        encoder = setup.encoder();
        encryptor = setup.encryptor();
        decryptor = setup.decryptor();
        evaluator = setup.evaluator();
        relinearisation = setup.relinearisationKey();
    }

    static double[] values(long seed) {
        Random random = new Random(seed);
        double[] v = new double[parameters.slots()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * random.nextDouble() - 1;
        }
        return v;
    }

    static Ciphertext encrypt(double[] v) {
        return encryptor.encrypt(encoder.encode(v, parameters.maxLevel(), parameters.scale()));
    }

    static double largestError(Ciphertext c, double[] expected) {
        double[] got = encoder.decode(decryptor.decrypt(c))[0];
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - expected[i]));
        }
        return worst;
    }

    @Test
    void encodingIsExactUpToRounding() {
        double[] re = values(1);
        double[] im = values(2);
        double[][] back = encoder.decode(encoder.encode(re, im, parameters.maxLevel(), parameters.scale()));
        for (int i = 0; i < re.length; i++) {
            assertThat(Math.abs(back[0][i] - re[i])).isLessThan(Math.scalb(1.0, -30));
            assertThat(Math.abs(back[1][i] - im[i])).isLessThan(Math.scalb(1.0, -30));
        }
    }

    @Test
    void aConstantEncodesAsTheFilledVectorDoesAndBeyond2To62() {
        Random random = new Random(11);
        for (int t = 0; t < 20; t++) {
            double c = 40 * random.nextDouble() - 20;
            double scale = Math.scalb(1.0 + random.nextDouble(), 30 + random.nextInt(10));
            double[] filled = new double[parameters.slots()];
            java.util.Arrays.fill(filled, c);
            Plaintext constant = encoder.encodeConstant(c, parameters.maxLevel(), scale);
            Plaintext transformed = encoder.encode(filled, parameters.maxLevel(), scale);
            for (int i = 0; i <= parameters.maxLevel(); i++) {
                assertThat(constant.poly().row(i)).as("constant %s at scale %s", c, scale).isEqualTo(transformed.poly().row(i));
            }
        }
        // Above the 2^62 of encode: a product's scale before rescaling (2^80 here).
        double[] back = encoder.decode(encoder.encodeConstant(-0.7, parameters.maxLevel(), Math.scalb(1.0, 80)))[0];
        for (double v : back) {
            assertThat(Math.abs(v + 0.7)).isLessThan(1e-12);
        }
        assertThatThrownBy(() -> encoder.encodeConstant(1, 0, Math.scalb(1.0, 60))).hasMessageContaining("half the modulus");
    }

    @Test
    void decryptionGivesBackTheValues() {
        double[] v = values(3);
        // Fresh public-key encryption noise: e_0 + e u + e_1 s, about 2^-24 in the slots at scale 2^40.
        assertThat(largestError(encrypt(v), v)).isLessThan(Math.scalb(1.0, -22));
    }

    @Test
    void additionsAndPlainProductsMatchPlainArithmetic() {
        double[] x = values(4);
        double[] y = values(5);
        double[] sum = new double[x.length];
        double[] difference = new double[x.length];
        double[] product = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sum[i] = x[i] + y[i];
            difference[i] = x[i] - y[i];
            product[i] = x[i] * y[i];
        }
        Ciphertext cx = encrypt(x);
        Ciphertext cy = encrypt(y);
        assertThat(largestError(evaluator.add(cx, cy), sum)).isLessThan(Math.scalb(1.0, -21));
        assertThat(largestError(evaluator.subtract(cx, cy), difference)).isLessThan(Math.scalb(1.0, -21));
        assertThat(largestError(evaluator.addPlain(cx, encoder.encode(y, parameters.maxLevel(), parameters.scale())), sum))
                .isLessThan(Math.scalb(1.0, -21));
        Plaintext py = encoder.encode(y, parameters.maxLevel(), parameters.scale());
        assertThat(largestError(evaluator.rescale(evaluator.multiplyPlain(cx, py)), product)).isLessThan(Math.scalb(1.0, -20));
    }

    @Test
    void aProductRelinearisedAndRescaledTwiceMatchesThePlainProduct() {
        double[] x = values(6);
        double[] y = values(7);
        double[] square = new double[x.length];
        double[] fourth = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            square[i] = x[i] * y[i];
            fourth[i] = square[i] * square[i];
        }
        Ciphertext product = evaluator.rescale(evaluator.relinearise(evaluator.multiply(encrypt(x), encrypt(y)), relinearisation));
        assertThat(product.level()).isEqualTo(parameters.maxLevel() - 1);
        assertThat(largestError(product, square)).isLessThan(Math.scalb(1.0, -18));
        Ciphertext squared = evaluator.rescale(evaluator.relinearise(evaluator.multiply(product, product), relinearisation));
        assertThat(squared.level()).isZero();
        assertThat(largestError(squared, fourth)).isLessThan(Math.scalb(1.0, -15));
        // Unrelinearised, the three-part ciphertext decrypts too.
        assertThat(largestError(evaluator.rescale(evaluator.multiply(encrypt(x), encrypt(y))), square)).isLessThan(Math.scalb(1.0, -18));
    }

    @Test
    void rotationsMoveTheSlotsAndConjugationNegatesTheImaginaryParts() {
        GaloisKeys galois = new KeyGenerator(parameters, ring, sampler).galoisKeys(secret, new int[] {1, 5, -1}, true);
        double[] v = values(9);
        Ciphertext c = encrypt(v);
        int n = v.length;
        for (int steps : new int[] {1, 5, -1}) {
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = v[Math.floorMod(i + steps, n)];
            }
            assertThat(largestError(evaluator.rotate(c, steps, galois), expected)).as("rotation by %d", steps).isLessThan(Math.scalb(1.0, -20));
        }
        double[] im = values(10);
        Ciphertext complex = encryptor.encrypt(encoder.encode(v, im, parameters.maxLevel(), parameters.scale()));
        double[][] conjugated = encoder.decode(decryptor.decrypt(evaluator.conjugate(complex, galois)));
        for (int i = 0; i < n; i++) {
            assertThat(Math.abs(conjugated[0][i] - v[i]) + Math.abs(conjugated[1][i] + im[i])).isLessThan(Math.scalb(1.0, -20));
        }
        assertThatThrownBy(() -> evaluator.rotate(c, 2, galois)).hasMessageContaining("no Galois key");
    }

    @Test
    void aCiphertextDroppedToALowerLevelStillDecrypts() {
        double[] v = values(11);
        Ciphertext low = evaluator.dropToLevel(encrypt(v), 0);
        assertThat(low.level()).isZero();
        assertThat(largestError(low, v)).isLessThan(Math.scalb(1.0, -22));
    }

    @Test
    void anotherSecretKeyDecryptsToNoise() {
        double[] v = values(8);
        SecretKey other = new KeyGenerator(parameters, ring, sampler).secretKey();
        double[] got = encoder.decode(new Decryptor(ring, other).decrypt(encrypt(v)))[0];
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - v[i]));
        }
        assertThat(worst).isGreaterThan(1e3);
    }

    @Test
    void parametersAboveThe128BitBoundAreRefused() {
        assertThatThrownBy(() -> CkksParameters.generate(13, 60, 3, 50, new int[] {60}))
                .hasMessageContaining("exceeds the 128-bit security bound 218 for N = 8192");
        assertThat(CkksParameters.preset("depth7-n16384").describe()).contains("N = 16384, 7 levels");
    }
}
