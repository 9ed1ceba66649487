package org.cyberhealth.tabular.attack;

import java.util.Locale;
import org.cyberhealth.core.BadInputException;

/** Validation and wording of the fractions attacks take. */
final class Fractions {

    private Fractions() {}

    static void check(double fraction, String what) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new BadInputException(what + " must be between 0 and 1, got " + fraction);
        }
    }

    static String percent(double fraction) {
        double percent = fraction * 100;
        return percent == Math.rint(percent) ? String.format(Locale.ROOT, "%.0f%%", percent) : String.format(Locale.ROOT, "%.1f%%", percent);
    }
}
