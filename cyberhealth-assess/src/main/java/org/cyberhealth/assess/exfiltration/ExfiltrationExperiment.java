package org.cyberhealth.assess.exfiltration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.DjlSegmenter;
import org.cyberhealth.ml.model.SegmentationScores;
import org.cyberhealth.ml.model.SegmenterTraining;

/**
 * The measurements of the data stealing attack and of the gateway against it, on one lake's slices: train the
 * attack, ship its decoder and codes through both channels, measure the stolen images and the declared task's
 * Dice next to the honest model's, the stolen slices' use (the U-Net recipe trained on them against the same recipe on
 * the originals, {@link StolenDataUtility}), run the gateway on each export, then every sanitiser's cost (Dice of the
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

    /** Everything the benchmark reports. */
    public record Result(StealingTraining.Recipe recipe, int stolen, double honestDice, double attackDice, double psnr, double ssim,
                         double heldOutPsnr, double heldOutSsim, StolenDataUtility.Result utility, Codes geometry, double entropyBitsPerImage,
                         int decoderValues, List<Channel> channels, List<Sanitised> sanitised, double trainSeconds) {}

    private ExfiltrationExperiment() {}

    public static Result run(SegmentationSlices.Split split, byte[] honestParameters, DeclaredTask honestTask, StealingTraining.Recipe recipe,
                             List<Sanitiser> sanitisers, Consumer<String> progress) {
        SegmentationSlices train = split.train();
        SegmentationSlices test = split.test();
        progress.accept("training the attack network (" + recipe.epochs() + " epochs)");
        long started = System.nanoTime();
        StealingTraining.Trained attack = StealingTraining.run("abdomen-unet", train, test, recipe, e -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
        DeclaredTask task = attack.task();
        Codes geometry = attack.geometry();
        int side = train.width();
        int n = train.size();
        double honestDice = dice(honestTask, honestParameters, test);
        double attackDice = dice(task, attack.segmenterParameters(), test);
        float[][] stolenSlices = geometry.decode(attack.decoder(), attack.codes());
        double[] quality = ImageQuality.means(train.images(), stolenSlices, side);
        progress.accept("training the U-Net recipe on the stolen slices and on the originals");
        StolenDataUtility.Result utility = StolenDataUtility.measure(split, stolenSlices, recipe.batchSize(), recipe.learningRate(), recipe.epochs(),
                recipe.seed());
        progress.accept("measuring the channels");
        double[] heldOut = ImageQuality.means(test.images(), geometry.decode(attack.decoder(), attack.heldOutCodes()), side);
        int[] sizes = geometry.decoderSizes();
        Payload payload = new Payload(attack.decoder(), attack.codes());
        byte[] raw = payload.toBytes(geometry);
        int decoderBytes = raw.length - Payload.codeBytes(geometry, n);
        double bytesPerImage = geometry.packedBitsPerImage() / 8.0;
        ExportGateway.Policy policy = ExportGateway.Policy.standard();

        List<Channel> channels = new ArrayList<>();
        byte[] extra = ExtraTensorChannel.append(attack.segmenterParameters(), attack.decoder(),
                java.util.Arrays.copyOfRange(raw, decoderBytes, raw.length));
        Payload viaExtra = ExtraTensorChannel.read(extra, attack.segmenterParameters().length, geometry, n);
        double[] q = ImageQuality.means(train.images(), geometry.decode(viaExtra.decoder(), viaExtra.codes()), side);
        channels.add(new Channel("extra tensors", extra.length, n, Double.POSITIVE_INFINITY, attackDice, q[0], q[1],
                verdict(ExportGateway.check(extra, task, policy, null))));

        List<float[]> weights = ExportedWeights.read(attack.segmenterParameters(), task).values();
        LowBitChannel channel = new LowBitChannel(LOW_BITS);
        double maxImages = (channel.capacityBits(weights) / 8.0 - decoderBytes) / bytesPerImage;
        byte[] rawStego = ExportedWeights.write(task, channel.embed(weights, raw));
        channels.add(new Channel("low 8 mantissa bits, raw", rawStego.length, n, maxImages, dice(task, rawStego, test), q[0], q[1],
                verdict(ExportGateway.check(rawStego, task, policy, null))));
        byte[] stego = ExportedWeights.write(task, channel.embed(weights, LowBitChannel.whiten(raw, KEY)));
        List<float[]> carried = ExportedWeights.read(stego, task).values();
        double[] s = steal(carried, channel, raw, geometry, sizes, n, train.images());
        channels.add(new Channel("low 8 mantissa bits, whitened", stego.length, n, maxImages, dice(task, stego, test), s[1], s[2],
                verdict(ExportGateway.check(stego, task, policy, null))));

        List<Sanitised> rows = new ArrayList<>();
        List<float[]> honestWeights = ExportedWeights.read(honestParameters, honestTask).values();
        for (Sanitiser sanitiser : sanitisers) {
            progress.accept("sanitiser: " + sanitiser.name());
            List<float[]> cleaned = sanitiser.apply(carried);
            double[] after = steal(cleaned, channel, raw, geometry, sizes, n, train.images());
            double trained = StolenDataUtility.diceTrainedOn(split, stolenSlices(cleaned, channel, raw.length, geometry, sizes, n), recipe.batchSize(),
                    recipe.learningRate(), recipe.epochs(), recipe.seed());
            rows.add(new Sanitised(sanitiser.name(), dice(honestTask, ExportedWeights.write(honestTask, sanitiser.apply(honestWeights)), test),
                    dice(task, ExportedWeights.write(task, cleaned), test), after[0], after[1], after[2], trained));
        }
        return new Result(recipe, n, honestDice, attackDice, quality[0], quality[1], heldOut[0], heldOut[1], utility, geometry,
                geometry.entropyBitsPerImage(attack.codes()), decoderBytes / 4, channels, rows, seconds);
    }

    /** The thief's side of the low-bit channel: payload bit errors, then PSNR and SSIM of what the damaged payload decodes to. */
    private static double[] steal(List<float[]> weights, LowBitChannel channel, byte[] sent, Codes geometry, int[] sizes, int images,
                                  float[][] originals) {
        byte[] payload = LowBitChannel.whiten(channel.extract(weights, sent.length), KEY);
        long wrong = 0;
        for (int k = 0; k < sent.length; k++) {
            wrong += Integer.bitCount((sent[k] ^ payload[k]) & 0xff);
        }
        double[] q = ImageQuality.means(originals, stolenSlices(weights, channel, sent.length, geometry, sizes, images),
                (int) Math.sqrt(originals[0].length));
        return new double[] {wrong / (8.0 * sent.length), q[0], q[1]};
    }

    /** What the thief decodes from the (possibly damaged) whitened payload of {@code bytes} bytes in {@code weights}. */
    private static float[][] stolenSlices(List<float[]> weights, LowBitChannel channel, int bytes, Codes geometry, int[] sizes, int images) {
        Payload stolen = Payload.fromBytes(LowBitChannel.whiten(channel.extract(weights, bytes), KEY), geometry, sizes, images);
        return geometry.decode(stolen.decoder(), stolen.codes());
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
