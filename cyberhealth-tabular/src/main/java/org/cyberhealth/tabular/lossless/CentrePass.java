package org.cyberhealth.tabular.lossless;

import java.util.function.DoubleConsumer;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;

/**
 * The measuring pass: every taking-part value adds its rounded cosine and sine to its sub-group's
 * centre of mass. It is a {@link RowSink}, so a table can be measured as it streams out of something
 * else (an attack, in the benchmark) without being stored.
 */
final class CentrePass implements RowSink {

    private static final int PROGRESS_EVERY = 1 << 16;

    private final ValueLocator locator;
    private final CentreSums sums;
    private long rows;
    private long values;

    CentrePass(ValueLocator locator, CentreSums sums) {
        this.locator = locator;
        this.sums = sums;
    }

    @Override
    public void write(String[] row) {
        rows++;
        if (locator.locate(row)) {
            values++;
            sums.add(locator.circle(), locator.group(), locator.subgroup(), locator.position());
        }
    }

    /** Measures every row of {@code input}; progress goes from {@code from} to {@code to}. */
    void readAll(TableReader input, DoubleConsumer progress, double from, double to) {
        String[] row;
        while ((row = input.next()) != null) {
            write(row);
            if (rows % PROGRESS_EVERY == 0) {
                report(input, progress, from, to);
            }
        }
        progress.accept(to);
    }

    static void report(TableReader input, DoubleConsumer progress, double from, double to) {
        double done = input.progress();
        if (done >= 0) {
            progress.accept(from + (to - from) * done);
        }
    }

    CentreSums sums() {
        return sums;
    }

    long rows() {
        return rows;
    }

    long values() {
        return values;
    }
}
