package org.cyberhealth.tabular.utility;

import java.util.List;

/**
 * How much marking (or an attack) changed the statistics researchers compute, column by column.
 *
 * @param largestCorrelationChange the largest absolute change of a Pearson correlation between two
 *     numeric columns
 */
public record UtilityReport(List<NumericChange> numeric, double largestCorrelationChange, List<CategoryChange> categorical) {

    /** The default bound on mean shifts, in standard deviations of the original column. */
    public static final double DEFAULT_MEAN_BOUND = 0.1;

    /** One numeric column before and after. */
    public record NumericChange(String column, long countBefore, long countAfter, double meanBefore, double meanAfter,
            double sdBefore, double sdAfter, double histogramDistance) {

        /** |mean after - mean before| in standard deviations of the original (0 when the column is constant and unchanged). */
        public double meanShiftInSd() {
            double shift = Math.abs(meanAfter - meanBefore);
            return sdBefore > 0 ? shift / sdBefore : shift == 0 ? 0 : Double.POSITIVE_INFINITY;
        }

        /** Relative change of the standard deviation. */
        public double sdRelativeChange() {
            return sdBefore > 0 ? Math.abs(sdAfter - sdBefore) / sdBefore : sdAfter == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
    }

    /** One categorical column: the largest change of a group-by count. */
    public record CategoryChange(String column, int values, long largestCountChange, double largestRelativeChange) {}

    public double largestMeanShiftInSd() {
        return numeric.stream().mapToDouble(NumericChange::meanShiftInSd).max().orElse(0);
    }

    public boolean meansWithin(double standardDeviations) {
        return largestMeanShiftInSd() <= standardDeviations;
    }
}
