package org.cyberhealth.imaging.watermark.reversible;

/**
 * Histogram modification with two expansion bins {@code a < b}, as in Li, Zhang, Gui and Yang (2015):
 * error {@code b} becomes {@code b + bit}, error {@code a} becomes {@code a - bit}, errors beyond them are
 * shifted outwards by one and errors strictly between them are left alone (no distortion at all).
 */
final class TwoBinExpansion implements ErrorExpansion {

    private final int a;
    private final int b;

    TwoBinExpansion(int a, int b) {
        if (a >= b) {
            throw new IllegalArgumentException("bins " + a + ", " + b);
        }
        this.a = a;
        this.b = b;
    }

    int a() {
        return a;
    }

    int b() {
        return b;
    }

    @Override
    public int mark(int e, int bit) {
        if (e > b) {
            return e + 1;
        }
        if (e < a) {
            return e - 1;
        }
        if (e == b) {
            return b + bit;
        }
        return e == a ? a - bit : e;
    }

    @Override
    public boolean carries(int e) {
        return e == a || e == b;
    }

    @Override
    public int restore(int marked) {
        if (marked > b + 1) {
            return marked - 1;
        }
        if (marked < a - 1) {
            return marked + 1;
        }
        if (marked >= b) {
            return b;
        }
        return marked <= a ? a : marked;
    }

    @Override
    public int bit(int marked) {
        if (marked == b || marked == a) {
            return 0;
        }
        return marked == b + 1 || marked == a - 1 ? 1 : -1;
    }

    @Override
    public int maxIncrease() {
        return 1;
    }

    @Override
    public int maxDecrease() {
        return 1;
    }
}
