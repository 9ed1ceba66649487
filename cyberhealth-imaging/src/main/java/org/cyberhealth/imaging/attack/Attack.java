package org.cyberhealth.imaging.attack;

import org.cyberhealth.imaging.Raster;

/**
 * Something a leaker does to a copy to hide where it came from. An attack never changes its input: it
 * returns a new raster, possibly with another range (windowing yields 8 bits).
 */
public interface Attack {

    /** A short label for reports, e.g. {@code "jpeg q75"}. */
    String name();

    Raster apply(Raster raster);

    /** This attack followed by {@code next}. */
    default Attack then(Attack next) {
        Attack first = this;
        return new Attack() {
            @Override
            public String name() {
                return first.name() + " + " + next.name();
            }

            @Override
            public Raster apply(Raster raster) {
                return next.apply(first.apply(raster));
            }
        };
    }

    /** Leaves the copy as it is: the un-attacked reference row of a benchmark. */
    static Attack none() {
        return new Attack() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public Raster apply(Raster raster) {
                return raster.copy();
            }
        };
    }
}
