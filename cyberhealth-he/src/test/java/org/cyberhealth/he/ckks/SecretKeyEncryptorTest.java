package org.cyberhealth.he.ckks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.he.ring.RnsPoly;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecretKeyEncryptorTest {

    static CkksParameters parameters;
    static CkksSetup setup;
    static SecretKeyEncryptor encryptor;

    @BeforeAll
    static void keys() {
        parameters = CkksParameters.preset("test-n4096");
        setup = CkksSetup.of(parameters, 11);
        encryptor = new SecretKeyEncryptor(setup.ring(), setup.secret(), setup.sampler());
    }

    private static double[] values() {
        Random random = new Random(1);
        double[] v = new double[parameters.slots()];
        Arrays.setAll(v, i -> random.nextDouble() - 0.5);
        return v;
    }

    private static Plaintext message() {
        return setup.encoder().encode(values(), parameters.maxLevel(), parameters.scale());
    }

    private static double error(Ciphertext c, double[] expected) {
        double[] got = setup.decrypt(c);
        return IntStream.range(0, expected.length).mapToDouble(i -> Math.abs(got[i] - expected[i])).max().orElseThrow();
    }

    @Test
    void decryptsToTheMessageWithLessNoiseThanPublicKeyEncryption() {
        double secretKeyWorst = 0;
        double publicKeyWorst = 0;
        for (int i = 0; i < 4; i++) {
            secretKeyWorst = Math.max(secretKeyWorst, error(encryptor.encrypt(message()).ciphertext(), values()));
            publicKeyWorst = Math.max(publicKeyWorst, error(setup.encrypt(values()), values()));
        }
        // Values in [-0.5, 0.5) at scale 2^scale: 20+ bits of precision; the public-key path adds e_1 s + e u.
        assertThat(-Math.log(secretKeyWorst) / Math.log(2)).isGreaterThan(20);
        assertThat(secretKeyWorst).isLessThan(publicKeyWorst);
    }

    @Test
    void aSeededCiphertextTravelsInHalfTheBytesAndComesBackIdentical() {
        SeededCiphertext seeded = encryptor.encrypt(message());
        byte[] compact = CkksFormat.write(parameters, seeded);
        byte[] full = CkksFormat.write(parameters, seeded.ciphertext());
        assertThat((double) compact.length / full.length).isBetween(0.49, 0.51);

        Ciphertext back = CkksFormat.readCiphertext(parameters, compact);
        assertThat(back.level()).isEqualTo(seeded.ciphertext().level());
        assertThat(back.scale()).isEqualTo(seeded.ciphertext().scale());
        for (int part = 0; part < 2; part++) {
            RnsPoly expected = seeded.ciphertext().part(part);
            for (int row = 0; row <= back.level(); row++) {
                assertThat(back.part(part).row(row)).isEqualTo(expected.row(row));
            }
        }
        // It computes like any ciphertext: the square of the message after one relinearised product.
        Evaluator evaluator = setup.evaluator();
        Ciphertext square = evaluator.rescale(evaluator.relinearise(evaluator.multiply(back, back), setup.relinearisationKey()));
        double[] expected = Arrays.stream(values()).map(v -> v * v).toArray();
        assertThat(error(square, expected)).isLessThan(1e-4);
    }

    @Test
    void aSeedIsReadOnlyFromAVersionThatHasSeeds() {
        byte[] compact = CkksFormat.write(parameters, encryptor.encrypt(message()));
        assertThat(compact[4]).isEqualTo((byte) 2);
        byte[] relabelled = compact.clone();
        relabelled[4] = 1;
        assertThatThrownBy(() -> CkksFormat.readCiphertext(parameters, relabelled))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown polynomial form 2");
        // c_0 is never uniform: a seed in its place (its form byte follows the 27-byte header) is refused.
        byte[] seededFirst = compact.clone();
        assertThat(seededFirst[27]).isEqualTo((byte) 1);
        seededFirst[27] = 2;
        assertThatThrownBy(() -> CkksFormat.readCiphertext(parameters, seededFirst))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown polynomial form 2");
        for (int cut : new int[] {compact.length - 1, compact.length - 32}) {
            assertThatThrownBy(() -> CkksFormat.readCiphertext(parameters, Arrays.copyOf(compact, cut)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("truncated");
        }
        // Everything that is not a seeded ciphertext stays version 1, which older builds read.
        assertThat(CkksFormat.write(parameters, encryptor.encrypt(message()).ciphertext())[4]).isEqualTo((byte) 1);
    }
}
