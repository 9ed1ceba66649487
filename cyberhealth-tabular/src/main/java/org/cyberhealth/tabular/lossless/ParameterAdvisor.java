package org.cyberhealth.tabular.lossless;

import java.math.BigDecimal;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * Chooses the number of groups and the shift for one table and column from the paper's central-limit
 * model ({@link CentreOfMassModel}), since the shift that works depends on how the attribute spreads
 * around its circle: a year of age is plenty for ages, a lab value with a long tail needs far more.
 * Groups get about {@link #VALUES_PER_SUBGROUP} values a sub-group, but each message bit gets at least
 * {@link #MIN_REPETITION} groups (a majority of one is no vote), and the shift is the smallest for which
 * the model expects {@code carrierShare} of the groups to carry a bit. Two passes over the table: its
 * range, then its angular spread.
 */
public final class ParameterAdvisor {

    /** The sub-group size the advice aims at: large enough for the central limit theorem to hold. */
    public static final long VALUES_PER_SUBGROUP = 250;
    /** The fewest groups per message bit. */
    public static final int MIN_REPETITION = 3;
    public static final double DEFAULT_CARRIER_SHARE = 0.95;

    private ParameterAdvisor() {}

    public static LosslessParameters advise(TableSource table, TableSchema schema, String column, RangeEnds ends, int messageLength,
            double carrierShare) {
        if (!(carrierShare > 0 && carrierShare < 1)) {
            throw new BadInputException("the share of carrier groups must be between 0 and 1, got " + carrierShare);
        }
        ValueRange range;
        try (TableReader input = table.open()) {
            range = RangeSurvey.of(input, schema, column);
        }
        LosslessParameters probe = new LosslessParameters(Math.max(1, messageLength), 1, range, ends, Math.max(1, messageLength));
        Dispersion dispersion = new Dispersion();
        long values = 0;
        try (TableReader input = table.open()) {
            MarkedAttribute attribute = MarkedAttribute.in(input.header(), schema, column);
            CellValues cells = new CellValues(attribute.scale());
            Circle circle = new Circle(probe);
            String[] row;
            while ((row = input.next()) != null) {
                BigDecimal value = cells.parse(row[attribute.column()]);
                long position = value == null ? -1 : circle.position(cells.units(value));
                if (position >= 0) {
                    values++;
                    dispersion.add(circle, position);
                }
            }
        }
        int groups = (int) Math.min(LosslessParameters.MAX_GROUPS, Math.max((long) MIN_REPETITION * messageLength, values / (2 * VALUES_PER_SUBGROUP)));
        double perSubgroup = Math.max(1, values / (2.0 * groups));
        double sigma = Math.sqrt(dispersion.angularVariance() * 2 / perSubgroup);
        double rotation = NormalDistribution.of(0, 1).inverseCumulativeProbability((1 + carrierShare) / 2) * sigma;
        long shift = Math.max(1, (long) Math.ceil(rotation * probe.positions() / (4 * Math.PI)));
        long allowed = MarkedAttribute.spec(schema, column).maxChange();
        if (shift > allowed) {
            throw new BadInputException("for " + Math.round(carrierShare * 100) + "% carrier groups the model needs a shift of " + shift
                    + " units, but column " + column + " allows " + allowed + " (maxChange): allow a larger change, or use fewer, larger groups");
        }
        return new LosslessParameters(groups, shift, range, ends, messageLength);
    }
}
