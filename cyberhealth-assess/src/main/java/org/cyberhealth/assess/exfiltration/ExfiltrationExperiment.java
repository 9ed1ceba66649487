package org.cyberhealth.assess.exfiltration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.DjlSegmenter;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import org.cyberhealth.ml.model.SegmentationScores;
import org.cyberhealth.ml.model.SegmenterTraining;

/**
 * The measurements of the data stealing attack and of the gateway against it, on one lake's slices of one or more
 * modalities (the first, CT, is the declared task's: the honest model and the utility test use it): train the
 * attack jointly on every modality's training slices (the segmentation loss on the declared task's alone), ship its
 * decoder, tables and coded codes through both channels, measure the stolen images per modality and the declared
 * task's Dice next to the honest model's, the rate (the entropy model's ideal code length and the arithmetic coder's
 * actual bytes), the stolen CT slices' use (the U-Net recipe trained on them against the same recipe on the
 * originals, {@link StolenDataUtility}), run the gateway on each export, then every sanitiser's cost (Dice of the
 * honest model) and effect (what the thief rebuilds from the sanitised steganographic export).
 */
public final class ExfiltrationExperiment {

    /** The low-bit channel's width in the experiment: 8 of 23 mantissa bits. */
    public static final int LOW_BITS = 8;
    /** The attacker's whitening key (any value: the thief knows it). */
    private static final long KEY = 2022;

    /** One export as it would leave: size, images it carries, Dice, the stolen images' quality, the gateway's verdict. */
    public record Channel(String name, long bytes, int images, double maxImages, double dice, double psnr, double ssim, String verdict) {}

    /**
     * One sanitiser's cost and effect; {@code stolenTrainedDice}: the U-Net recipe trained on what the thief rebuilds after it
     * ({@link StolenDataUtility}).
     */
    public record Sanitised(String name, double honestDice, double attackDice, double payloadBitErrors, double psnr, double ssim,
                            double stolenTrainedDice) {}

    /**
     * One modality's results: slices stolen, the attacker's U-Net Dice on its held-out slices, and PSNR, SSIM,
     * MS-SSIM ({@link ImageQuality#means}) of the stolen training slices and of the held-out slices through the codec.
     */
    public record Modality(String name, int stolen, double attackDice, double[] stolenQuality, double[] heldOutQuality) {}

    /**
     * Bits per slice: under the entropy model's tables (ideal code length), as arithmetic-coded, at fixed width
     * without any model, and under the codes' own zero-order statistics; plus the tables' bytes (sent once).
     */
    public record Rate(double modelBits, double codedBits, long packedBits, double zeroOrderBits, int tableBytes) {}

    /** Everything the benchmark reports. */
    public record Result(StealingTraining.Recipe recipe, int stolen, double honestDice, List<Modality> modalities, StolenDataUtility.Result utility,
                         Codes geometry, Rate rate, int decoderValues, List<Channel> channels, List<Sanitised> sanitised, double trainSeconds) {

        /** The declared task's modality (the first): its Dice is the one the honest model is compared with. */
        public double attackDice() {
            return modalities.get(0).attackDice();
        }
    }

    private ExfiltrationExperiment() {}

    public static Result run(List<SegmentationSlices.Split> modalities, byte[] honestParameters, DeclaredTask honestTask,
                             StealingTraining.Recipe recipe, List<Sanitiser> sanitisers, Consumer<String> progress) {
        SegmentationSlices.Split declared = modalities.get(0);
        SegmentationSlices train = joined(modalities.stream().map(SegmentationSlices.Split::train).toList());
        SegmentationSlices test = joined(modalities.stream().map(SegmentationSlices.Split::test).toList());
        progress.accept("training the attack network on " + train.size() + " slices (" + recipe.epochs() + " epochs)");
        long started = System.nanoTime();
        StealingTraining.Trained attack = StealingTraining.run("abdomen-unet", train, declared.train().size(), test, recipe, e -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
        DeclaredTask task = attack.task();
        Codes geometry = attack.geometry();
        int side = train.width();
        int n = train.size();
        double honestDice = dice(honestTask, honestParameters, declared.test());
        float[][] stolenSlices = geometry.decode(attack.decoder(), attack.codes());
        float[][] heldOutSlices = geometry.decode(attack.decoder(), attack.heldOutCodes());
        List<Modality> results = new ArrayList<>();
        int trainAt = 0;
        int testAt = 0;
        for (SegmentationSlices.Split m : modalities) {
            int a = m.train().size();
            int b = m.test().size();
            results.add(new Modality(m.train().name().replace(" train", ""), a, dice(task, attack.segmenterParameters(), m.test()),
                    ImageQuality.means(m.train().images(), Arrays.copyOfRange(stolenSlices, trainAt, trainAt + a), side),
                    ImageQuality.means(m.test().images(), Arrays.copyOfRange(heldOutSlices, testAt, testAt + b), side)));
            trainAt += a;
            testAt += b;
        }
        progress.accept("training the U-Net recipe on the stolen " + results.get(0).name() + " slices and on the originals");
        // The honest recipe as it is (batch, rate, epochs, seed): on the originals it reproduces the committed abdomen-unet.
        ReferenceSegmenter honestRecipe = ReferenceSegmenter.ABDOMEN_UNET;
        StolenDataUtility.Result utility = StolenDataUtility.measure(declared, Arrays.copyOf(stolenSlices, declared.train().size()),
                honestRecipe.batchSize(), honestRecipe.learningRate(), honestRecipe.epochs(), honestRecipe.seed());
        progress.accept("measuring the channels");
        int[] sizes = geometry.decoderSizes();
        Payload payload = new Payload(attack.decoder(), attack.tables(), attack.codes());
        byte[] raw = payload.toBytes(geometry);
        int decoderBytes = Payload.decoderBytes(attack.decoder());
        int codeBytes = raw.length - decoderBytes;
        double streamBytesPerImage = (codeBytes - attack.tables().byteSize()) / (double) n;
        Rate rate = new Rate(attack.tables().bitsPerImage(attack.codes(), geometry), streamBytesPerImage * 8, geometry.packedBitsPerImage(),
                geometry.entropyBitsPerImage(attack.codes()), attack.tables().byteSize());
        ExportGateway.Policy policy = ExportGateway.Policy.standard();

        List<Channel> channels = new ArrayList<>();
        byte[] extra = ExtraTensorChannel.append(attack.segmenterParameters(), attack.decoder(), Arrays.copyOfRange(raw, decoderBytes, raw.length));
        Payload viaExtra = ExtraTensorChannel.read(extra, attack.segmenterParameters().length, geometry, n);
        double[] q = ImageQuality.means(train.images(), geometry.decode(viaExtra.decoder(), viaExtra.codes()), side);
        channels.add(new Channel("extra tensors", extra.length, n, Double.POSITIVE_INFINITY, results.get(0).attackDice(), q[0], q[1],
                verdict(ExportGateway.check(extra, task, policy, null))));

        List<float[]> weights = ExportedWeights.read(attack.segmenterParameters(), task).values();
        LowBitChannel channel = new LowBitChannel(LOW_BITS);
        long capacityBytes = channel.capacityBits(weights) / 8;
        double maxImages = (capacityBytes - decoderBytes - attack.tables().byteSize()) / streamBytesPerImage;
        // The low bits carry the first slices that fit, whole.
        int k = n;
        byte[] hidden = raw;
        while (hidden.length > capacityBytes && k > 0) {
            k--;
            hidden = new Payload(attack.decoder(), attack.tables(), Arrays.copyOf(attack.codes(), k)).toBytes(geometry);
        }
        float[][] carriedOriginals = Arrays.copyOf(train.images(), k);
        double[] qk = ImageQuality.means(carriedOriginals, Arrays.copyOf(stolenSlices, k), side);
        byte[] rawStego = ExportedWeights.write(task, channel.embed(weights, hidden));
        channels.add(new Channel("low 8 mantissa bits, raw", rawStego.length, k, maxImages, dice(task, rawStego, declared.test()), qk[0], qk[1],
                verdict(ExportGateway.check(rawStego, task, policy, null))));
        byte[] stego = ExportedWeights.write(task, channel.embed(weights, LowBitChannel.whiten(hidden, KEY)));
        List<float[]> carried = ExportedWeights.read(stego, task).values();
        double[] s = ImageQuality.means(carriedOriginals, Theft.of(carried, channel, hidden, geometry, sizes, k).slices(), side);
        channels.add(new Channel("low 8 mantissa bits, whitened", stego.length, k, maxImages, dice(task, stego, declared.test()), s[0], s[1],
                verdict(ExportGateway.check(stego, task, policy, null))));

        List<Sanitised> rows = new ArrayList<>();
        List<float[]> honestWeights = ExportedWeights.read(honestParameters, honestTask).values();
        int declaredSlices = declared.train().size();
        for (Sanitiser sanitiser : sanitisers) {
            progress.accept("sanitiser: " + sanitiser.name());
            List<float[]> cleaned = sanitiser.apply(carried);
            Theft after = Theft.of(cleaned, channel, hidden, geometry, sizes, k);
            double[] quality = ImageQuality.means(carriedOriginals, after.slices(), side);
            // The U-Net recipe needs every declared training slice; if fewer fit in the low bits there is nothing to train on.
            double trained = k < declaredSlices ? Double.NaN : StolenDataUtility.diceTrainedOn(declared,
                    Arrays.copyOf(after.slices(), declaredSlices), honestRecipe.batchSize(), honestRecipe.learningRate(), honestRecipe.epochs(),
                    honestRecipe.seed());
            rows.add(new Sanitised(sanitiser.name(), dice(honestTask, ExportedWeights.write(honestTask, sanitiser.apply(honestWeights)), declared.test()),
                    dice(task, ExportedWeights.write(task, cleaned), declared.test()), after.bitErrors(), quality[0], quality[1], trained));
        }
        return new Result(recipe, n, honestDice, results, utility, geometry, rate, decoderBytes / 4, channels, rows, seconds);
    }

    /** The slices of several sets (same size and classes) as one set, in order. */
    static SegmentationSlices joined(List<SegmentationSlices> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        SegmentationSlices first = parts.get(0);
        List<float[]> images = new ArrayList<>();
        List<int[]> masks = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (SegmentationSlices p : parts) {
            if (p.height() != first.height() || p.width() != first.width() || !p.classes().equals(first.classes())) {
                throw new IllegalArgumentException(p.name() + " does not match " + first.name() + " in size or classes");
            }
            images.addAll(List.of(p.images()));
            masks.addAll(List.of(p.masks()));
            for (int position : p.positions()) {
                positions.add(position);
            }
            name.append(name.length() == 0 ? "" : " + ").append(p.name());
        }
        return new SegmentationSlices(name.toString(), first.height(), first.width(), first.classes(), images.toArray(new float[0][]),
                masks.toArray(new int[0][]), positions.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The thief's side of the low-bit channel: the share of payload bits read wrong, and what the (possibly damaged) payload decodes to. */
    private record Theft(double bitErrors, float[][] slices) {

        static Theft of(List<float[]> weights, LowBitChannel channel, byte[] sent, Codes geometry, int[] sizes, int images) {
            byte[] payload = LowBitChannel.whiten(channel.extract(weights, sent.length), KEY);
            long wrong = 0;
            for (int k = 0; k < sent.length; k++) {
                wrong += Integer.bitCount((sent[k] ^ payload[k]) & 0xff);
            }
            Payload stolen = Payload.fromBytes(payload, geometry, sizes, images);
            return new Theft(wrong / (8.0 * sent.length), geometry.decode(stolen.decoder(), stolen.codes()));
        }
    }

    private static String verdict(ExportGateway.Verdict v) {
        return v.word() + (v.reasons().isEmpty() ? "" : ": " + v.reasons().get(0));
    }

    static double dice(DeclaredTask task, byte[] parameters, SegmentationSlices test) {
        try (DjlSegmenter segmenter = new SegmenterTraining.Fitted(task.name(), task.input(), task.classes(), parameters).load()) {
            return SegmentationScores.of(segmenter.predictMasks(test.images()), test.masks(), task.classes().size()).meanDice();
        }
    }
}
