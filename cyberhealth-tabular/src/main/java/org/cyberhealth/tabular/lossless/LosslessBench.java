package org.cyberhealth.tabular.lossless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.attack.RowDeletion;
import org.cyberhealth.tabular.attack.RowInsertion;
import org.cyberhealth.tabular.attack.TableAttack;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.watermark.MarkingKey;

/**
 * Measures the lossless mark on one table and column the way the paper evaluates it: embed a random
 * message, check that restoration gives the original back, then delete 0 to 90% of the tuples or insert
 * 0 to 100% fake ones and read the message again. For each strength it reports the message bit error
 * rate (majority over each bit's groups), the share of carrier groups read wrong, and what the paper's
 * central-limit model predicts for that share ({@link CentreOfMassModel}); and the distortion (mean and
 * standard deviation before and after). The marked copy goes to a CSV file in a scratch folder, so memory
 * stays constant whatever the table's size.
 */
public final class LosslessBench {

    public static final double[] DELETIONS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    public static final double[] INSERTIONS = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    private final TableSchema schema;
    private final String column;
    private final LosslessParameters parameters;

    public LosslessBench(TableSchema schema, String column, LosslessParameters parameters) {
        this.schema = schema;
        this.column = column;
        this.parameters = parameters;
    }

    /**
     * One attack at one strength, averaged over the trials.
     *
     * @param messageErrorRate the share of message bits read wrong (an undecided bit counts as wrong)
     * @param carrierErrorRate the share of the marked table's carrier groups whose sign the attack flipped
     *     (or whose values it removed)
     * @param predictedCarrierErrorRate the model's value for the same share
     */
    public record AttackPoint(String attack, double strength, double messageErrorRate, double carrierErrorRate,
            double predictedCarrierErrorRate) {}

    /**
     * @param embedding the first trial's embedding (its distortion and group counts)
     * @param restoredExactly whether restoring the first trial's marked copy gave every cell of the original back
     * @param carrierShare the share of carrier groups, averaged over the trials (each has its own key)
     * @param predictedCarrierShare the model's value for the same share
     */
    public record Result(LosslessParameters parameters, EmbeddingReport embedding, boolean restoredExactly, double carrierShare,
            double predictedCarrierShare, List<AttackPoint> deletions, List<AttackPoint> insertions) {}

    /**
     * Runs {@code trials} trials, each with its own key, message and attacks, so that the averages compare
     * with the model's, which averages over keys too.
     */
    public Result run(TableSource original, Path scratch, int trials, long seed) {
        if (trials < 1) {
            throw new BadInputException("the bench needs at least one trial");
        }
        SplittableRandom random = new SplittableRandom(seed);
        TableHeader header;
        try (TableReader input = original.open()) {
            header = input.header();
        }
        Path markedFile = scratch.resolve("lossless-marked.csv");
        TableLocation marked = TableLocation.parse(markedFile.toString());
        Averages deletions = new Averages(DELETIONS.length, trials);
        Averages insertions = new Averages(INSERTIONS.length, trials);
        double carrierShare = 0;
        double predictedShare = 0;
        EmbeddingReport first = null;
        boolean exact = false;
        try {
            for (int trial = 0; trial < trials; trial++) {
                LosslessWatermark watermark = new LosslessWatermark(schema, column, key(random), parameters);
                BitSet message = message(random);
                CentreOfMassModel model = model(original, watermark);
                EmbeddingReport[] embedding = new EmbeddingReport[1];
                marked.write(header, true, sink -> embedding[0] = watermark.embed(original, sink, message, p -> {}));
                if (trial == 0) {
                    first = embedding[0];
                    exact = restoresExactly(watermark, marked, original);
                }
                carrierShare += embedding[0].carrierShare() / trials;
                predictedShare += model.carrierShare() / trials;
                GroupReading reference = read(watermark, header, marked);
                for (int i = 0; i < DELETIONS.length; i++) {
                    deletions.add(i, attack(watermark, header, marked, new RowDeletion(DELETIONS[i]), message, reference, random),
                            model.carrierErrorsAfterDeletion(DELETIONS[i]));
                }
                for (int i = 0; i < INSERTIONS.length; i++) {
                    insertions.add(i, attack(watermark, header, marked, new RowInsertion(INSERTIONS[i], schema.key()), message, reference, random),
                            model.carrierErrorsAfterInsertion(INSERTIONS[i]));
                }
            }
        } finally {
            try {
                Files.deleteIfExists(markedFile);
            } catch (IOException e) {
                // A leftover scratch file is harmless; the numbers stand.
            }
        }
        return new Result(parameters, first, exact, carrierShare, predictedShare,
                deletions.points(DELETIONS, fraction -> new RowDeletion(fraction).describe()),
                insertions.points(INSERTIONS, fraction -> new RowInsertion(fraction, schema.key()).describe()));
    }

    /** What one attack did: the message bit error rate and the share of carriers flipped. */
    private record Damage(double messageErrors, double carrierErrors) {}

    /** Averages over the trials, one slot per strength. */
    private static final class Averages {
        private final double[] messageErrors;
        private final double[] carrierErrors;
        private final double[] predicted;
        private final int trials;

        Averages(int strengths, int trials) {
            messageErrors = new double[strengths];
            carrierErrors = new double[strengths];
            predicted = new double[strengths];
            this.trials = trials;
        }

        void add(int strength, Damage measured, double prediction) {
            messageErrors[strength] += measured.messageErrors();
            carrierErrors[strength] += measured.carrierErrors();
            predicted[strength] += prediction;
        }

        List<AttackPoint> points(double[] strengths, DoubleFunction<String> describe) {
            List<AttackPoint> points = new ArrayList<>();
            for (int i = 0; i < strengths.length; i++) {
                points.add(new AttackPoint(describe.apply(strengths[i]), strengths[i], messageErrors[i] / trials, carrierErrors[i] / trials,
                        predicted[i] / trials));
            }
            return points;
        }
    }

    private MarkingKey key(SplittableRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return MarkingKey.fromSecret(secret);
    }

    private BitSet message(SplittableRandom random) {
        BitSet message = new BitSet(parameters.messageLength());
        for (int i = 0; i < parameters.messageLength(); i++) {
            message.set(i, random.nextBoolean());
        }
        return message;
    }

    /** The message and carrier error rates of one attack on the marked copy. */
    private static Damage attack(LosslessWatermark watermark, TableHeader header, TableLocation marked, TableAttack attack,
            BitSet message, GroupReading reference, SplittableRandom random) {
        LosslessWatermark.Reading reading = watermark.reading(header);
        try (TableReader input = marked.openReader()) {
            attack.apply(input, reading, random.split());
        }
        return new Damage(reading.extraction().bitErrorRate(message), carrierErrorRate(reference, reading.groups()));
    }

    private static double carrierErrorRate(GroupReading reference, GroupReading attacked) {
        int carriers = 0;
        int errors = 0;
        for (int group = 0; group < reference.groups(); group++) {
            if (reference.zone(group) == Zone.CARRIER) {
                carriers++;
                double angle = attacked.angle(group);
                if (Double.isNaN(angle) || Zones.side(angle) != Zones.side(reference.angle(group))) {
                    errors++;
                }
            }
        }
        return carriers == 0 ? Double.NaN : errors / (double) carriers;
    }

    private static GroupReading read(LosslessWatermark watermark, TableHeader header, TableLocation table) {
        LosslessWatermark.Reading reading = watermark.reading(header);
        try (TableReader input = table.openReader()) {
            String[] row;
            while ((row = input.next()) != null) {
                reading.write(row);
            }
        }
        return reading.groups();
    }

    /** The model from one pass over the original: sub-group sizes and the attribute's angular spread. */
    private CentreOfMassModel model(TableSource original, LosslessWatermark watermark) {
        CentreSums sums = new CentreSums(parameters.groups(), false);
        Dispersion dispersion = new Dispersion();
        try (TableReader input = original.open()) {
            ValueLocator locator = watermark.locator(input.header());
            String[] row;
            while ((row = input.next()) != null) {
                if (locator.locate(row)) {
                    sums.add(locator.circle(), locator.group(), locator.subgroup(), locator.position());
                    dispersion.add(locator.circle(), locator.position());
                }
            }
        }
        return new CentreOfMassModel(sums, dispersion, parameters.rotation());
    }

    /** Restores the marked copy and compares it with the original as both stream by (an SQL NULL reads as empty in CSV). */
    private static boolean restoresExactly(LosslessWatermark watermark, TableLocation marked, TableSource original) {
        boolean[] same = {true};
        try (TableReader expected = original.open()) {
            RowSink compare = row -> {
                String[] want = expected.next();
                if (want == null || !Arrays.equals(blankNulls(want), blankNulls(row))) {
                    same[0] = false;
                }
            };
            watermark.restore(marked::openReader, compare, p -> {});
            same[0] &= expected.next() == null;
        }
        return same[0];
    }

    private static String[] blankNulls(String[] row) {
        return Arrays.stream(row).map(cell -> Objects.requireNonNullElse(cell, "")).toArray(String[]::new);
    }
}
