package org.cyberhealth.tabular.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.cyberhealth.tabular.attack.Collusion;
import org.cyberhealth.tabular.attack.ColumnDeletion;
import org.cyberhealth.tabular.attack.ColumnReordering;
import org.cyberhealth.tabular.attack.RowDeletion;
import org.cyberhealth.tabular.attack.RowInsertion;
import org.cyberhealth.tabular.attack.RowShuffle;
import org.cyberhealth.tabular.attack.Rounding;
import org.cyberhealth.tabular.attack.TableAttack;
import org.cyberhealth.tabular.attack.ValuePerturbation;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.watermark.MarkParameters;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.cyberhealth.tabular.watermark.OwnerMarkTest;
import org.cyberhealth.tabular.watermark.TableDetector;
import org.cyberhealth.tabular.watermark.TableMarker;

/**
 * Detection of the owner mark after each attack at each strength, on one table: the robustness table of
 * {@code cyberhealth bench table}. One marked copy per recipient (random codewords, fixed seeds); each
 * attack is replayed on it and the owner-mark test reports its p-value. Also the false-positive side:
 * the unmarked table tested with the key.
 */
public final class RobustnessBench {

    /** One line of the table. */
    public record Outcome(String attack, long rows, long votes, int decided, int matching, double pValue, boolean detected) {}

    /**
     * Detection under keys that did not mark the table: how often the mark is "found" (it never should be),
     * the smallest p-value seen, and the shares of p-values at most 1% and 5% (at most 0.01 and 0.05 when the
     * test is valid; less, since a binomial p-value is conservative).
     */
    public record FalsePositives(int tries, int detected, double smallestPValue, double shareAtOnePercent, double shareAtFivePercent) {}

    private final InMemoryTable original;
    private final TableSchema schema;
    private final MarkingKey key;
    private final MarkParameters parameters;
    private final double bound;

    public RobustnessBench(InMemoryTable original, TableSchema schema, MarkingKey key, MarkParameters parameters, double bound) {
        this.original = original;
        this.schema = schema;
        this.key = key;
        this.parameters = parameters;
        this.bound = bound;
    }

    /** The copy of recipient number {@code recipient} (its codeword drawn from the seed). */
    public InMemoryTable markedCopy(long recipient) {
        BitSet codeword = new BitSet();
        SplittableRandom random = new SplittableRandom(recipient);
        for (int i = 0; i < parameters.codeLength(); i++) {
            codeword.set(i, random.nextBoolean());
        }
        return original.markedBy(new TableMarker(schema, key, parameters, codeword));
    }

    public List<Outcome> run() {
        InMemoryTable marked = markedCopy(1);
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(detect("none (unmarked original: false-positive check)", original));
        outcomes.add(detect("none (marked copy)", marked));
        for (TableAttack attack : attacks()) {
            outcomes.add(detect(attack.describe(), attacked(marked, attack)));
        }
        for (Collusion.Strategy strategy : Collusion.Strategy.values()) {
            for (int copies = 2; copies <= 5; copies++) {
                Collusion collusion = new Collusion(strategy);
                List<org.cyberhealth.tabular.io.TableReader> readers = new ArrayList<>();
                for (int r = 1; r <= copies; r++) {
                    readers.add(markedCopy(r).reader());
                }
                SplittableRandom random = new SplittableRandom(copies);
                InMemoryTable merged = InMemoryTable.collect(original.header(), sink -> collusion.apply(readers, sink, random));
                outcomes.add(detect(collusion.describe(copies), merged));
            }
        }
        return outcomes;
    }

    private List<TableAttack> attacks() {
        List<ColumnSpec> marked = schema.markedColumns();
        long maxChange = marked.stream().mapToLong(ColumnSpec::maxChange).max().orElse(1);
        List<String> markedNames = marked.stream().map(ColumnSpec::name).toList();
        List<TableAttack> attacks = new ArrayList<>();
        for (double fraction : new double[] {0.5, 0.9, 0.95}) {
            attacks.add(new RowDeletion(fraction));
        }
        for (double fraction : new double[] {0.5, 1.0}) {
            attacks.add(new RowInsertion(fraction, schema.key()));
        }
        for (double fraction : new double[] {0.1, 0.3, 0.5}) {
            attacks.add(new ValuePerturbation(fraction, maxChange, marked));
        }
        for (double fraction : new double[] {0.3, 0.5}) {
            attacks.add(new ValuePerturbation(fraction, 10 * maxChange, marked));
        }
        List<ColumnSpec> numeric = marked.stream().filter(c -> c.type() == ColumnType.INTEGER || c.type() == ColumnType.DECIMAL).toList();
        if (!numeric.isEmpty()) {
            int scale = numeric.stream().mapToInt(ColumnSpec::scale).max().orElse(0);
            attacks.add(new Rounding(Math.max(0, scale - 1), numeric.stream().map(ColumnSpec::name).toList()));
        }
        Set<String> others = new java.util.HashSet<>(original.header().columns());
        others.removeAll(markedNames);
        others.removeAll(schema.key());
        attacks.add(new ColumnDeletion(others));
        attacks.add(new ColumnReordering(7));
        attacks.add(new RowShuffle(RowShuffle.DEFAULT_MAX_ROWS));
        return attacks;
    }

    private static InMemoryTable attacked(InMemoryTable table, TableAttack attack) {
        return InMemoryTable.collect(attack.header(table.header()), sink -> attack.apply(table.reader(), sink, new SplittableRandom(11)));
    }

    /** Tests the marked copy and the unmarked original, {@code keys} times each, with keys drawn from a fixed seed. */
    public FalsePositives falsePositives(int keys) {
        InMemoryTable marked = markedCopy(1);
        SplittableRandom random = new SplittableRandom(2024);
        int detected = 0;
        int onePercent = 0;
        int fivePercent = 0;
        double smallest = 1;
        for (int i = 0; i < 2 * keys; i++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            MarkingKey wrong = MarkingKey.fromSecret(secret);
            var votes = new TableDetector(schema, wrong, parameters).votes((i % 2 == 0 ? marked : original).reader(), p -> {});
            OwnerMarkTest.Result result = OwnerMarkTest.test(votes, wrong.ownerBits(parameters.ownerBits()), parameters.ownerBits(), bound);
            detected += result.detected() ? 1 : 0;
            onePercent += result.pValue() <= 0.01 ? 1 : 0;
            fivePercent += result.pValue() <= 0.05 ? 1 : 0;
            smallest = Math.min(smallest, result.pValue());
        }
        return new FalsePositives(2 * keys, detected, smallest, (double) onePercent / (2 * keys), (double) fivePercent / (2 * keys));
    }

    private Outcome detect(String attack, InMemoryTable table) {
        var votes = new TableDetector(schema, key, parameters).votes(table.reader(), p -> {});
        OwnerMarkTest.Result result = OwnerMarkTest.test(votes, key.ownerBits(parameters.ownerBits()), parameters.ownerBits(), bound);
        return new Outcome(attack, votes.rows(), votes.votes(), result.decided(), result.matching(), result.pValue(), result.detected());
    }
}
