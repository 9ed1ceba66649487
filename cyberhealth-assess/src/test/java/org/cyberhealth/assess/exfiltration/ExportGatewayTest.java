package org.cyberhealth.assess.exfiltration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway and the steganographic channel on the committed honest abdomen-unet. */
class ExportGatewayTest {

    private static DeclaredTask task;
    private static byte[] honest;
    private static List<float[]> weights;

    @BeforeAll
    static void read() throws IOException {
        task = DeclaredTask.read(Path.of("../models/abdomen-unet.json"));
        honest = Files.readAllBytes(Path.of("../models/abdomen-unet.params"));
        weights = ExportedWeights.read(honest, task).values();
    }

    private static byte[] random(int bytes, long seed) {
        byte[] out = new byte[bytes];
        new SplittableRandom(seed).nextBytes(out);
        return out;
    }

    @Test
    void theLowBitChannelRoundTripsBitExactlyAndRoundingToBfloat16DestroysIt() {
        LowBitChannel channel = new LowBitChannel(8);
        byte[] payload = random(30_000, 3);
        List<float[]> carrier = channel.embed(weights, payload);
        byte[] exported = ExportedWeights.write(task, carrier);
        List<float[]> reread = ExportedWeights.read(exported, task).values();
        assertThat(channel.extract(reread, payload.length)).isEqualTo(payload);
        byte[] after = channel.extract(new Sanitiser.MantissaRounding(7).apply(reread), payload.length);
        long wrong = 0;
        for (int k = 0; k < payload.length; k++) {
            wrong += Integer.bitCount((payload[k] ^ after[k]) & 0xff);
        }
        // The cleared bits read as zeros: about half the payload's bits are wrong, as for a coin toss.
        assertThat(wrong / (8.0 * payload.length)).isBetween(0.45, 0.55);
        assertThat(LowBitChannel.whiten(LowBitChannel.whiten(payload, 9), 9)).isEqualTo(payload);
    }

    @Test
    void theHonestModelPassesAndItsBoundVanishesAfterBfloat16() {
        ExportGateway.Verdict v = ExportGateway.check(honest, task, ExportGateway.Policy.standard(), null);
        assertThat(v.pass()).as(String.join("; ", v.reasons())).isTrue();
        assertThat(v.output()).isEqualTo(honest);
        // 32,557 weights x 16 free mantissa bits / 3,072 bits per image.
        assertThat(v.capacity().boundImages()).isBetween(169.0, 170.0);
        ExportGateway.Verdict s = ExportGateway.check(honest, task, ExportGateway.Policy.standard(), Sanitiser.parse("bf16"));
        assertThat(s.pass()).isTrue();
        assertThat(s.afterSanitising().capacityBits()).isZero();
        assertThat(ExportedWeights.read(s.output(), task).followsDeclaration()).isTrue();
        // A chain is bounded by its tightest step, whichever comes first: what rounding clears, noise cannot bring back.
        Sanitiser noise = Sanitiser.parse("noise:0.01");
        for (Sanitiser chain : List.of(new Sanitiser.Chain(List.of(noise, Sanitiser.parse("bf16"))), new Sanitiser.Chain(List.of(Sanitiser.parse("bf16"), noise)))) {
            assertThat(ExportGateway.check(honest, task, ExportGateway.Policy.standard(), chain).afterSanitising().capacityBits()).isZero();
        }
        assertThat(ExportGateway.check(honest, task, ExportGateway.Policy.standard(), noise).afterSanitising().capacityBits())
                .isEqualTo(v.capacity().capacityBits());
        Sanitiser.Chain chain = new Sanitiser.Chain(List.of(noise, Sanitiser.parse("bf16")));
        List<float[]> values = ExportedWeights.read(honest, task).values();
        assertThat(chain.apply(values).get(3)).isEqualTo(Sanitiser.parse("bf16").apply(noise.apply(values)).get(3));
        assertThat(chain.name()).isEqualTo(noise.name() + ", then bfloat16 (round to 7 mantissa bits)");
    }

    @Test
    void anExtraTensorIsRefusedWithItsName() {
        byte[] export = ExtraTensorChannel.append(honest, List.of(new float[] {1, 2, 3}), new byte[] {4, 5});
        ExportGateway.Verdict v = ExportGateway.check(export, task, ExportGateway.Policy.standard(), null);
        assertThat(v.pass()).isFalse();
        assertThat(String.join("; ", v.structure())).contains("bytes after the declared tensors", "2 unknown tensors", "aux_codes");
    }

    @Test
    void anOversizedLayerIsRefused() {
        DeclaredTask larger = new DeclaredTask("larger", task.input(), List.of("background", "a", "b", "c", "d", "e"));
        List<float[]> values = new ArrayList<>(weights);
        values.set(values.size() - 2, new float[6 * 8]);
        values.set(values.size() - 1, new float[6]);
        ExportGateway.Verdict v = ExportGateway.check(ExportedWeights.write(larger, values), task, ExportGateway.Policy.standard(), null);
        assertThat(v.pass()).isFalse();
        assertThat(String.join("; ", v.reasons())).contains("oversized layer");
    }

    @Test
    void structuredOrTooRandomLowBitsAreRefusedButAWhitenedPayloadIsOnlyBounded() {
        Stolen raw = stolenLikePayload();
        List<float[]> carryingRaw = new LowBitChannel(8).embed(weights, raw.bytes);
        ExportGateway.Verdict structured = ExportGateway.check(ExportedWeights.write(task, carryingRaw), task, ExportGateway.Policy.standard(), null);
        assertThat(structured.pass()).isFalse();
        assertThat(String.join("; ", structured.reasons())).contains("not uniform");

        List<float[]> deep = new LowBitChannel(22).embed(weights, random(32_557 * 22 / 8, 5));
        ExportGateway.Verdict tooRandom = ExportGateway.check(ExportedWeights.write(task, deep), task, ExportGateway.Policy.standard(), null);
        assertThat(tooRandom.pass()).isFalse();
        assertThat(String.join("; ", tooRandom.reasons())).contains("Benford");

        // The limit of any statistic: whitened bits in the low byte look like training noise. Only the bound speaks.
        List<float[]> whitened = new LowBitChannel(8).embed(weights, LowBitChannel.whiten(raw.bytes, 11));
        ExportGateway.Verdict hidden = ExportGateway.check(ExportedWeights.write(task, whitened), task, ExportGateway.Policy.standard(), null);
        assertThat(hidden.pass()).isTrue();
        ExportGateway.Policy strict = new ExportGateway.Policy(7, 3072, 0);
        assertThat(ExportGateway.check(ExportedWeights.write(task, whitened), task, strict, null).pass()).isFalse();
        assertThat(ExportGateway.check(ExportedWeights.write(task, whitened), task, strict, Sanitiser.parse("bf16")).pass()).isTrue();
    }

    private record Stolen(byte[] bytes) {}

    /** What the attack hides: small float32 weights, then the codes of a smooth latent, coded at 3 bits a symbol. */
    private static Stolen stolenLikePayload() {
        Codes geometry = new Codes(4, 16, 16, 8);
        SplittableRandom r = new SplittableRandom(2);
        float[] decoder = new float[4000];
        for (int k = 0; k < decoder.length; k++) {
            decoder[k] = (float) (r.nextGaussian() * 0.1);
        }
        int[][] codes = new int[10][geometry.symbols()];
        for (int[] image : codes) {
            for (int q = 0; q < image.length; q++) {
                image[q] = 3 + (r.nextInt(4) == 0 ? 1 : 0);
            }
        }
        double[] uniform = new double[8];
        java.util.Arrays.fill(uniform, 1 / 8.0);
        FrequencyTables tables = FrequencyTables.of(new double[][] {uniform, uniform, uniform, uniform});
        return new Stolen(new Payload(List.of(decoder), tables, codes).toBytes(geometry));
    }
}
