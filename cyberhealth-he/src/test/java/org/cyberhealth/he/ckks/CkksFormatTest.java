package org.cyberhealth.he.ckks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.he.ring.Ring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CkksFormatTest {

    static CkksParameters parameters;
    static Ring ring;
    static Sampler sampler;
    static KeyGenerator generator;
    static SecretKey secret;
    static PublicKey publicKey;
    static Encoder encoder;

    @BeforeAll
    static void keys() {
        parameters = CkksParameters.preset("test-n4096");
        CkksSetup setup = CkksSetup.of(parameters, 7);
        ring = setup.ring();
        sampler = setup.sampler();
        generator = setup.generator();
        secret = setup.secret();
        publicKey = generator.publicKey(secret);
        encoder = setup.encoder();
    }

    static double[] values() {
        Random random = new Random(1);
        double[] v = new double[parameters.slots()];
        Arrays.setAll(v, i -> random.nextDouble() - 0.5);
        return v;
    }

    static double error(SecretKey key, Ciphertext c, double[] expected) {
        double[] got = encoder.decode(new Decryptor(ring, key).decrypt(c))[0];
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - expected[i]));
        }
        return worst;
    }

    @Test
    void everyObjectComesBackAndStillWorks() {
        CkksParameters reread = CkksFormat.readParameters(CkksFormat.write(parameters));
        assertThat(reread).isEqualTo(parameters);
        SecretKey secretBack = CkksFormat.readSecretKey(parameters, CkksFormat.write(parameters, secret));
        PublicKey publicBack = CkksFormat.readPublicKey(parameters, CkksFormat.write(parameters, publicKey));
        SwitchingKey relinearisation = CkksFormat.readSwitchingKey(parameters,
                CkksFormat.write(parameters, generator.relinearisationKey(secret)));
        GaloisKeys galois = CkksFormat.readGaloisKeys(parameters, CkksFormat.write(parameters, generator.galoisKeys(secret, new int[] {3}, false)));
        double[] v = values();
        Ciphertext c = new Encryptor(ring, publicBack, sampler).encrypt(encoder.encode(v, parameters.maxLevel(), parameters.scale()));
        Ciphertext back = CkksFormat.readCiphertext(parameters, CkksFormat.write(parameters, c));
        // Scale 2^30 in this small preset: fresh noise about 2^-14.
        assertThat(error(secretBack, back, v)).isLessThan(5e-4);
        Evaluator evaluator = new Evaluator(parameters, ring);
        double[] square = Arrays.stream(v).map(x -> x * x).toArray();
        assertThat(error(secret, evaluator.rescale(evaluator.relinearise(evaluator.multiply(back, back), relinearisation)), square)).isLessThan(5e-3);
        double[] rotated = new double[v.length];
        Arrays.setAll(rotated, i -> v[(i + 3) % v.length]);
        assertThat(error(secret, evaluator.rotate(back, 3, galois), rotated)).isLessThan(5e-3);
    }

    @Test
    void keysWhoseRowsFillTheWriteBufferComeBackWhole() {
        CkksParameters large = CkksParameters.preset("depth2-n8192");
        GaloisKeys galois = CkksSetup.of(large, 8).galoisKeys(new int[] {1, -4}, true);
        GaloisKeys back = CkksFormat.readGaloisKeys(large, CkksFormat.write(large, galois));
        assertThat(back.elements()).isEqualTo(galois.elements());
        for (int element : galois.elements()) {
            for (int j = 0; j < large.chain().size(); j++) {
                for (int row = 0; row < 4; row++) {
                    assertThat(back.keys().get(element).b().get(j).row(row)).isEqualTo(galois.keys().get(element).b().get(j).row(row));
                    assertThat(back.keys().get(element).a().get(j).row(row)).isEqualTo(galois.keys().get(element).a().get(j).row(row));
                }
            }
        }
    }

    @Test
    void residuesArePackedAndUniformPartsTravelAsSeeds() {
        int residueBytes = (ring.degree() * (40 + 30) + 7) / 8 + 8 + 2;
        int ciphertext = CkksFormat.write(parameters, new Encryptor(ring, publicKey, sampler)
                .encrypt(encoder.encode(values(), parameters.maxLevel(), parameters.scale()))).length;
        assertThat(ciphertext).isBetween(2 * residueBytes, 2 * residueBytes + 40);
        int publicKeyBytes = CkksFormat.write(parameters, publicKey).length;
        assertThat(publicKeyBytes).isLessThan(residueBytes + 60);
    }

    @Test
    void malformedOrMismatchedObjectsGetOneClearError() {
        byte[] c = CkksFormat.write(parameters, new Encryptor(ring, publicKey, sampler)
                .encrypt(encoder.encode(values(), parameters.maxLevel(), parameters.scale())));
        for (int length : new int[] {0, 3, 5, 10, 14, 20, 27, c.length / 2, c.length - 1}) {
            assertThatThrownBy(() -> CkksFormat.readCiphertext(parameters, Arrays.copyOf(c, length)))
                    .isInstanceOf(BadInputException.class).hasMessageNotContaining("\n");
        }
        byte[] longer = Arrays.copyOf(c, c.length + 1);
        assertThatThrownBy(() -> CkksFormat.readCiphertext(parameters, longer)).hasMessageContaining("1 bytes after the end");
        byte[] tooLarge = c.clone();
        Arrays.fill(tooLarge, 30, 40, (byte) 0xFF);
        assertThatThrownBy(() -> CkksFormat.readCiphertext(parameters, tooLarge)).hasMessageContaining("not below its prime");
        assertThatThrownBy(() -> CkksFormat.readPublicKey(parameters, c)).hasMessageContaining("expected a public key, found a ciphertext");
        CkksParameters other = CkksParameters.preset("depth2-n8192");
        assertThatThrownBy(() -> CkksFormat.readCiphertext(other, c)).hasMessageContaining("made under other CKKS parameters");
        byte[] future = c.clone();
        future[4] = 9;
        assertThatThrownBy(() -> CkksFormat.readCiphertext(parameters, future)).hasMessageContaining("version 9");
        byte[] hostile = CkksFormat.write(parameters);
        hostile[14] = 0x7F;
        assertThatThrownBy(() -> CkksFormat.readParameters(hostile)).isInstanceOf(BadInputException.class);
    }
}
