package org.cyberhealth.tabular.lossless;

import java.util.function.DoubleConsumer;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableReader;

/**
 * The writing pass, for embedding and restoring alike: copies every row, with the value of each tuple
 * of a turning group moved by its sub-group's share of the turn (A one way, B the other). Restoring is
 * the same pass with every turn reversed.
 */
final class ValueShifter {

    private static final int PROGRESS_EVERY = 1 << 16;

    private final ValueLocator locator;
    private final byte[] turns;
    private final DistortionMeter meter;

    /** @param turns each group's direction: +1, -1 or 0 */
    ValueShifter(ValueLocator locator, byte[] turns, DistortionMeter meter) {
        this.locator = locator;
        this.turns = turns;
        this.meter = meter;
    }

    /** Copies {@code input} to {@code output}; returns the number of rows. */
    long copy(TableReader input, RowSink output, DoubleConsumer progress, double from, double to) {
        long rows = 0;
        String[] row;
        while ((row = input.next()) != null) {
            rows++;
            if (locator.locate(row)) {
                int turn = turns[locator.group()];
                long delta = turn == 0 ? 0 : locator.move(turn);
                if (delta != 0) {
                    row[locator.column()] = locator.moved(delta);
                }
                meter.add(locator.value(), delta, locator.position());
            }
            output.write(row);
            if (rows % PROGRESS_EVERY == 0) {
                CentrePass.report(input, progress, from, to);
            }
        }
        progress.accept(to);
        return rows;
    }
}
