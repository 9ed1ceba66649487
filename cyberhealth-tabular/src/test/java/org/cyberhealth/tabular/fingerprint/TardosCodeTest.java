package org.cyberhealth.tabular.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Hkdf;
import org.junit.jupiter.api.Test;

class TardosCodeTest {

    private static final byte[] SECRET = Hkdf.derive("issuer secret".getBytes(StandardCharsets.UTF_8), "table fingerprints: lab_results", 32);

    private static byte[] secret(int variant) {
        byte[] s = SECRET.clone();
        s[0] ^= (byte) variant;
        return s;
    }

    @Test
    void biasesLieWithinTheCutoffAndFollowTheArcsineDensity() {
        TardosParameters p = TardosParameters.defaults().withCodeLength(20_000);
        TardosCode code = TardosCode.generate(p, SECRET);
        double delta = p.cutoff();
        double[] biases = new double[code.length()];
        for (int i = 0; i < biases.length; i++) {
            biases[i] = code.bias(i);
            assertThat(biases[i]).isBetween(delta, 1 - delta);
        }
        // Kolmogorov-Smirnov against F(p) = (2 asin sqrt p - 2 asin sqrt delta) / (pi - 4 asin sqrt delta).
        Arrays.sort(biases);
        double r0 = Math.asin(Math.sqrt(delta));
        double worst = 0;
        for (int i = 0; i < biases.length; i++) {
            double f = (2 * Math.asin(Math.sqrt(biases[i])) - 2 * r0) / (Math.PI - 4 * r0);
            worst = Math.max(worst, Math.max(Math.abs(f - (double) i / biases.length), Math.abs(f - (i + 1.0) / biases.length)));
        }
        assertThat(worst).isLessThan(1.63 / Math.sqrt(biases.length)); // 1% critical value
    }

    @Test
    void biasesAreSymmetricAboutOneHalf() {
        TardosCode code = TardosCode.generate(TardosParameters.defaults().withCodeLength(20_000), SECRET);
        int below = 0;
        double sum = 0;
        for (int i = 0; i < code.length(); i++) {
            below += code.bias(i) < 0.5 ? 1 : 0;
            sum += code.bias(i);
        }
        // Binomial(20000, 1/2) has standard deviation 71; the mean of p has standard deviation 0.0025.
        assertThat(below).isBetween(10_000 - 355, 10_000 + 355);
        assertThat(sum / code.length()).isCloseTo(0.5, within(0.0125));
    }

    @Test
    void sameSecretAndRecipientGiveTheSameCodeAlways() {
        TardosCode a = TardosCode.generate(TardosParameters.defaults(), SECRET);
        TardosCode b = TardosCode.generate(TardosParameters.defaults(), SECRET.clone());
        for (int i = 0; i < a.length(); i++) {
            assertThat(a.bias(i)).isEqualTo(b.bias(i));
        }
        assertThat(a.codewordFor("lab-42")).isEqualTo(b.codewordFor("lab-42"));
        byte[] seed = Hkdf.derive(SECRET, "recipient seed", 32);
        assertThat(a.codewordFor(seed)).isEqualTo(b.codewordFor(seed.clone()));
    }

    /**
     * Pinned against an independent implementation (Python: hmac, hashlib and the cryptography package's
     * AES-CTR), so that a change in the stream, the labels or the bias mapping, which would silently
     * re-key every export already handed out, fails here.
     */
    @Test
    void biasesAndCodewordsMatchAnIndependentImplementation() {
        TardosCode code = TardosCode.generate(TardosParameters.defaults(), SECRET);
        assertThat(code.bias(0)).isCloseTo(0.8814064684572078, within(1e-12));
        assertThat(code.bias(1)).isCloseTo(0.9275545175760245, within(1e-12));
        assertThat(code.codewordFor("lab-42").toString())
                .startsWith("1101100100110010111000000111000001111101100010000001101010010111");
    }

    @Test
    void anotherSecretGivesOtherBiases() {
        TardosCode a = TardosCode.generate(TardosParameters.defaults(), secret(0));
        TardosCode b = TardosCode.generate(TardosParameters.defaults(), secret(1));
        int equal = 0;
        for (int i = 0; i < a.length(); i++) {
            equal += a.bias(i) == b.bias(i) ? 1 : 0;
        }
        assertThat(equal).isZero();
    }

    @Test
    void codewordsOfDifferentRecipientsDiffer() {
        TardosCode code = TardosCode.generate(TardosParameters.defaults(), SECRET);
        Map<String, Codeword> words = code.codewordsFor(List.of("a", "b", "c", "d", "e", "f", "g", "h"));
        for (Codeword x : words.values()) {
            for (Codeword y : words.values()) {
                if (x != y) {
                    // Expected distance sum 2 p (1-p) over 827 positions is about 260 for the arcsine density.
                    assertThat(x.distanceTo(y)).isGreaterThan(180);
                }
            }
        }
    }

    @Test
    void eachBitIsOneWithItsBiasFrequency() {
        TardosCode code = TardosCode.generate(TardosParameters.defaults().withCodeLength(50), SECRET);
        int recipients = 4000;
        int[] ones = new int[code.length()];
        for (int r = 0; r < recipients; r++) {
            Codeword w = code.codewordFor("r" + r);
            for (int i = 0; i < w.length(); i++) {
                ones[i] += w.bit(i) ? 1 : 0;
            }
        }
        for (int i = 0; i < code.length(); i++) {
            double p = code.bias(i);
            assertThat((double) ones[i] / recipients).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / recipients)));
        }
    }

    @Test
    void secretsAndSeedsMustBeThirtyTwoBytes() {
        assertThatThrownBy(() -> TardosCode.generate(TardosParameters.defaults(), new byte[16]))
                .isInstanceOf(BadInputException.class).hasMessageContaining("32 bytes");
        TardosCode code = TardosCode.generate(TardosParameters.defaults(), SECRET);
        assertThatThrownBy(() -> code.codewordFor(new byte[31])).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> code.codewordFor("")).isInstanceOf(BadInputException.class);
        assertThat(code.toString()).doesNotContain(Arrays.toString(SECRET));
    }
}
