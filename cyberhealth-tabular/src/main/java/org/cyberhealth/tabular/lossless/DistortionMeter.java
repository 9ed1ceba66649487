package org.cyberhealth.tabular.lossless;

import java.math.BigDecimal;

/**
 * Measures {@link Distortion} as the values stream by: means and variances before and after by
 * Welford's update (stable in one pass), plus the largest move and the values that crossed an end.
 */
final class DistortionMeter {

    private final double unit;
    private final long shift;
    private final long width;

    private long count;
    private long changed;
    private double meanBefore;
    private double squaresBefore;
    private double meanAfter;
    private double squaresAfter;
    private double largest;
    private long wrapped;
    private long leftRange;

    DistortionMeter(LosslessParameters parameters, int scale) {
        unit = Math.pow(10, -scale);
        shift = parameters.shift();
        width = parameters.range().width();
    }

    /** A value that took part, moved by {@code delta} units from {@code position} on the circle. */
    void add(BigDecimal value, long delta, long position) {
        double before = value.doubleValue();
        double after = before + delta * unit;
        count++;
        double step = before - meanBefore;
        meanBefore += step / count;
        squaresBefore += step * (before - meanBefore);
        step = after - meanAfter;
        meanAfter += step / count;
        squaresAfter += step * (after - meanAfter);
        if (delta != 0) {
            changed++;
            largest = Math.max(largest, Math.abs(delta) * unit);
            if (Math.abs(delta) > shift) {
                wrapped++;
            }
            long landing = position + delta;
            if (position < width && (landing < 0 || landing >= width)) {
                leftRange++;
            }
        }
    }

    Distortion distortion() {
        double sdBefore = count < 2 ? 0 : Math.sqrt(squaresBefore / (count - 1));
        double sdAfter = count < 2 ? 0 : Math.sqrt(squaresAfter / (count - 1));
        return new Distortion(count, changed, count == 0 ? Double.NaN : meanBefore, count == 0 ? Double.NaN : meanAfter,
                sdBefore, sdAfter, largest, wrapped, leftRange);
    }
}
