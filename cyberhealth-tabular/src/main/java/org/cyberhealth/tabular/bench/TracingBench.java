package org.cyberhealth.tabular.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.cyberhealth.tabular.attack.Collusion;
import org.cyberhealth.tabular.fingerprint.Accusation;
import org.cyberhealth.tabular.fingerprint.Codeword;
import org.cyberhealth.tabular.fingerprint.ObservedWord;
import org.cyberhealth.tabular.fingerprint.TardosCode;
import org.cyberhealth.tabular.fingerprint.Trace;
import org.cyberhealth.tabular.fingerprint.Tracer;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.watermark.BitVotes;
import org.cyberhealth.tabular.watermark.MarkParameters;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.cyberhealth.tabular.watermark.TableDetector;
import org.cyberhealth.tabular.watermark.TableMarker;

/**
 * Leak tracing end to end, on real marked tables: {@code recipients} copies of one table, each carrying
 * its recipient's Tardos codeword; for each collusion strategy, random coalitions of {@code colluders}
 * merge their copies, the merged table is read blind and traced against every recipient. Reports the
 * share of coalitions with at least one colluder accused and the number of innocents accused (the
 * issue's targets: at least 0.99 and 0).
 */
public final class TracingBench {

    /** The outcome for one strategy. */
    public record Outcome(Collusion.Strategy strategy, int coalitions, int caught, int innocentsAccused, double meanColludersAccused,
            double meanPositionsRead) {
        public double catchRate() {
            return (double) caught / coalitions;
        }
    }

    private final InMemoryTable original;
    private final TableSchema schema;
    private final MarkingKey key;
    private final TardosCode code;
    private final MarkParameters parameters;
    private final List<String> recipients = new ArrayList<>();
    private final Map<String, Codeword> codewords;

    public TracingBench(InMemoryTable original, TableSchema schema, MarkingKey key, TardosCode code, MarkParameters parameters, int recipients) {
        this.original = original;
        this.schema = schema;
        this.key = key;
        this.code = code;
        this.parameters = parameters;
        for (int r = 0; r < recipients; r++) {
            this.recipients.add(String.format("recipient-%03d", r));
        }
        codewords = code.codewordsFor(this.recipients);
    }

    public Outcome run(Collusion.Strategy strategy, int colluders, int coalitions, long seed) {
        List<int[]> results = IntStream.range(0, coalitions).parallel()
                .mapToObj(k -> traceOne(strategy, colluders, new SplittableRandom(seed * 1_000_003L + k))).toList();
        int caught = 0;
        int innocents = 0;
        long colludersAccused = 0;
        long positions = 0;
        for (int[] result : results) {
            caught += result[0] > 0 ? 1 : 0;
            colludersAccused += result[0];
            innocents += result[1];
            positions += result[2];
        }
        return new Outcome(strategy, coalitions, caught, innocents, (double) colludersAccused / coalitions, (double) positions / coalitions);
    }

    /** {colluders accused, innocents accused, positions read} for one random coalition. */
    private int[] traceOne(Collusion.Strategy strategy, int colluders, SplittableRandom random) {
        List<String> coalition = new ArrayList<>();
        while (coalition.size() < colluders) {
            String pick = recipients.get(random.nextInt(recipients.size()));
            if (!coalition.contains(pick)) {
                coalition.add(pick);
            }
        }
        List<TableReader> copies = new ArrayList<>();
        for (String member : coalition) {
            copies.add(markedCopy(member).reader());
        }
        InMemoryTable merged = InMemoryTable.collect(original.header(), sink -> new Collusion(strategy).apply(copies, sink, random));
        BitVotes votes = new TableDetector(schema, key, parameters).votes(merged.reader(), p -> {});
        int from = parameters.ownerBits();
        ObservedWord observed = ObservedWord.fromVotes(votes.zeros(from, from + parameters.codeLength()), votes.ones(from, from + parameters.codeLength()));
        Trace trace = new Tracer(code).trace(observed, codewords);
        int colludersAccused = 0;
        int innocentsAccused = 0;
        for (Accusation accusation : trace.accused()) {
            if (coalition.contains(accusation.recipient())) {
                colludersAccused++;
            } else {
                innocentsAccused++;
            }
        }
        return new int[] {colludersAccused, innocentsAccused, trace.positionsRead()};
    }

    private InMemoryTable markedCopy(String recipient) {
        return original.markedBy(new TableMarker(schema, key, parameters, codewords.get(recipient).toBitSet()));
    }
}
