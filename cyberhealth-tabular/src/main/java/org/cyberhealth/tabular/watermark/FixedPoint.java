package org.cyberhealth.tabular.watermark;

/**
 * A decimal number as written in a cell, held exactly: its digits as a long and the number of digits
 * after the point. Parsing and formatting round-trip, so a value the mark does not change is written
 * back exactly as it was read.
 */
record FixedPoint(long unscaled, int fractionDigits) {

    private static final int MAX_DIGITS = 17;
    static final long[] POWERS_OF_TEN = powersOfTen();

    /** The number in {@code text}, or null when it is not a plain decimal (exponents and 18+ digits are not). */
    static FixedPoint parse(String text) {
        if (text == null) {
            return null;
        }
        int length = text.length();
        int i = 0;
        boolean negative = false;
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' && fraction < 0) {
                fraction = 0;
            } else if (c >= '0' && c <= '9') {
                if (++count > MAX_DIGITS) {
                    return null;
                }
                digits = digits * 10 + (c - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else {
                return null;
            }
        }
        if (count == 0) {
            return null;
        }
        return new FixedPoint(negative ? -digits : digits, Math.max(fraction, 0));
    }

    /** Plain decimal text with exactly {@link #fractionDigits} digits after the point. */
    String format() {
        String magnitude = Long.toString(Math.abs(unscaled));
        if (fractionDigits == 0) {
            return unscaled < 0 ? "-" + magnitude : magnitude;
        }
        StringBuilder text = new StringBuilder(magnitude.length() + 3);
        if (unscaled < 0) {
            text.append('-');
        }
        int pad = fractionDigits + 1 - magnitude.length();
        for (int i = 0; i < pad; i++) {
            text.append('0');
        }
        text.append(magnitude);
        text.insert(text.length() - fractionDigits, '.');
        return text.toString();
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
