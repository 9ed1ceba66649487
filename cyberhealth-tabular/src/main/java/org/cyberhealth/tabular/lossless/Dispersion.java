package org.cyberhealth.tabular.lossless;

/**
 * The circular spread of an attribute's values, for the paper's central-limit model of the centre of
 * mass: with mean resultant length rho and second trigonometric moment rho_2 about the mean direction,
 * the angle of the centre of mass of n values deviates from the mean direction by about
 * N(0, s^2 / n) with s^2 = (1 - rho_2) / (2 rho^2) (the delta method on the mean of e^{i phi}).
 */
final class Dispersion {

    private long count;
    private double cosines;
    private double sines;
    private double doubleCosines;
    private double doubleSines;

    void add(Circle circle, long position) {
        double c = circle.cosine(position) / Circle.QUANTUM;
        double s = circle.sine(position) / Circle.QUANTUM;
        count++;
        cosines += c;
        sines += s;
        doubleCosines += c * c - s * s;
        doubleSines += 2 * c * s;
    }

    /** s^2, the variance of one value's angular deviation, in the units of the centre of mass's angle. */
    double angularVariance() {
        if (count == 0) {
            return Double.NaN;
        }
        double rho = Math.hypot(cosines, sines) / count;
        double mean = Math.atan2(sines, cosines);
        double rho2 = (doubleCosines * Math.cos(2 * mean) + doubleSines * Math.sin(2 * mean)) / count;
        return (1 - rho2) / (2 * rho * rho);
    }
}
