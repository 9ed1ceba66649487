package org.cyberhealth.tabular.lossless;

/**
 * How much the mark changed the attribute, in its own units (the paper's distortion measures: the mean
 * and standard deviation before and after). Every value of a turning group moves by the shift, half of
 * them up and half down, so the mean barely moves and the variance grows by about shift^2.
 *
 * @param values the values that took part
 * @param changed how many of them the mark moved
 * @param largestChange the largest move of one value ({@code shift} units, unless wrapped)
 * @param wrapped values that {@link RangeEnds#WRAP} carried across the range (they moved far)
 * @param leftRange values that {@link RangeEnds#EXTEND} pushed out of the declared range (by at most the shift)
 */
public record Distortion(long values, long changed, double meanBefore, double meanAfter, double sdBefore, double sdAfter,
        double largestChange, long wrapped, long leftRange) {

    public double meanChange() {
        return meanAfter - meanBefore;
    }

    /** The mean's change in standard deviations of the original values (the utility target is 0.1). */
    public double meanChangeInSd() {
        return sdBefore > 0 ? meanChange() / sdBefore : 0;
    }

    public double sdChange() {
        return sdAfter - sdBefore;
    }
}
