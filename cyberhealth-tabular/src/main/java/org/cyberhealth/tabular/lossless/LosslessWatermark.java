package org.cyberhealth.tabular.lossless;

import java.util.BitSet;
import java.util.function.DoubleConsumer;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.watermark.MarkingKey;

/**
 * The robust lossless watermark of Franco-Contreras, Coatrieux, Cuppens, Cuppens-Boulahia and Roux,
 * "Robust lossless watermarking of relational databases based on circular histogram modulation", IEEE
 * Transactions on Information Forensics and Security 9(3):397-410, 2014, which adapts De Vleeschouwer,
 * Delaigle and Macq's circular interpretation of histogram rotation (IEEE Trans. Multimedia 5(1), 2003)
 * from images to tables.
 *
 * <p>A secret key splits the tuples into {@code N_g} groups, and each group into two sub-groups A and B,
 * by a keyed hash of the primary key. The values of one integer (or fixed-point) attribute are laid on
 * a circle; each sub-group's histogram has a centre of mass, and the angle between A's and B's, beta, is
 * close to zero. To embed one bit, A's values move by +Delta and B's by -Delta (the other way for a 0),
 * which turns beta by +/-2 alpha; groups whose beta is too far from zero to carry a bit are pushed
 * further away so that the reader can tell them apart (see {@link Zones}). Reading a bit needs only the
 * sign of beta, so the mark survives the deletion and insertion of tuples; restoring turns every group
 * back, which gives the original table cell for cell.
 *
 * <p>Embedding and restoring read their input twice (first the angles, then the values) and hold a few
 * numbers per group: memory does not grow with the rows. Detection reads once.
 */
public final class LosslessWatermark {

    /** The scheme's name, under which its grouping key is derived from the table's marking key. */
    public static final String SCHEME = "lossless-circular-histogram";

    private final TableSchema schema;
    private final String column;
    private final MarkingKey key;
    private final LosslessParameters parameters;

    public LosslessWatermark(TableSchema schema, String column, MarkingKey key, LosslessParameters parameters) {
        ColumnSpec spec = MarkedAttribute.spec(schema, column);
        if (parameters.shift() > spec.maxChange()) {
            throw new BadInputException("a shift of " + parameters.shift() + " units exceeds the " + spec.maxChange()
                    + " units column " + column + " allows (maxChange in the schema)");
        }
        this.schema = schema;
        this.column = column;
        this.key = key;
        this.parameters = parameters;
    }

    public LosslessParameters parameters() {
        return parameters;
    }

    /**
     * Writes {@code original} to {@code output} with {@code message} ({@code parameters.messageLength()}
     * bits) embedded, row for row in the same order.
     */
    public EmbeddingReport embed(TableSource original, RowSink output, BitSet message, DoubleConsumer progress) {
        if (message.length() > parameters.messageLength()) {
            throw new BadInputException("the message has bits beyond its declared length of " + parameters.messageLength());
        }
        CentrePass measured = measureAll(original, true, progress);
        RotationPlan plan = new RotationPlanner(zones()).plan(measured.sums(), message, parameters.messageLength());
        Distortion distortion = rewrite(original, output, plan.turns(), measured.rows(), progress);
        return new EmbeddingReport(measured.rows(), measured.values(), parameters.groups(), plan.count(Zone.CARRIER),
                plan.roles().messageCarriers().length, plan.count(Zone.SHIFTED), plan.count(Zone.FLAGGED), plan.count(Zone.IDLE),
                parameters.messageLength(), distortion);
    }

    /** Reads the message from a suspect table in one pass, blind; rows may be missing, added or reordered. */
    public Extraction detect(TableReader suspect, DoubleConsumer progress) {
        CentrePass measured = measure(suspect.header(), false);
        measured.readAll(suspect, progress, 0, 1);
        return new GroupReading(measured.sums(), zones()).message(parameters.messageLength());
    }

    /**
     * A sink that measures rows written into it, for reading a table that streams out of something else;
     * {@link Reading#extraction()} then gives the message.
     */
    public Reading reading(TableHeader header) {
        return new Reading(measure(header, false));
    }

    /**
     * Writes the original of an unaltered marked table to {@code output}, cell for cell, and reads the
     * message on the way.
     */
    public Restoration restore(TableSource marked, RowSink output, DoubleConsumer progress) {
        CentrePass measured = measureAll(marked, false, progress);
        GroupReading reading = new GroupReading(measured.sums(), zones());
        byte[] turns = reading.turns();
        for (int group = 0; group < turns.length; group++) {
            turns[group] = (byte) -turns[group];
        }
        Distortion moved = rewrite(marked, output, turns, measured.rows(), progress);
        return new Restoration(measured.rows(), moved.values(), moved.changed(), reading.message(parameters.messageLength()));
    }

    /** A table measured as its rows are written in; see {@link #reading(TableHeader)}. */
    public final class Reading implements RowSink {

        private final CentrePass pass;

        private Reading(CentrePass pass) {
            this.pass = pass;
        }

        @Override
        public void write(String[] row) {
            pass.write(row);
        }

        public Extraction extraction() {
            return new GroupReading(pass.sums(), zones()).message(parameters.messageLength());
        }

        GroupReading groups() {
            return new GroupReading(pass.sums(), zones());
        }
    }

    /** The first pass of embedding and restoring (progress 0 to 1/2). */
    private CentrePass measureAll(TableSource table, boolean turned, DoubleConsumer progress) {
        try (TableReader input = table.open()) {
            CentrePass pass = measure(input.header(), turned);
            pass.readAll(input, progress, 0, 0.5);
            return pass;
        }
    }

    /** The second pass (progress 1/2 to 1): every group turned by {@code turns}; the table must not have changed. */
    private Distortion rewrite(TableSource table, RowSink output, byte[] turns, long rowsMeasured, DoubleConsumer progress) {
        try (TableReader input = table.open()) {
            ValueLocator locator = locator(input.header());
            DistortionMeter meter = new DistortionMeter(parameters, locator.scale());
            long rows = new ValueShifter(locator, turns, meter).copy(input, output, progress, 0.5, 1);
            if (rows != rowsMeasured) {
                throw new BadInputException("the table changed while it was read twice (" + rowsMeasured + " rows, then " + rows
                        + "): the lossless mark needs a stable input");
            }
            return meter.distortion();
        }
    }

    private CentrePass measure(TableHeader header, boolean turned) {
        return new CentrePass(locator(header), new CentreSums(parameters.groups(), turned));
    }

    ValueLocator locator(TableHeader header) {
        return new ValueLocator(attribute(header), key, parameters);
    }

    private MarkedAttribute attribute(TableHeader header) {
        return MarkedAttribute.in(header, schema, column);
    }

    private Zones zones() {
        return new Zones(parameters.rotation());
    }
}
