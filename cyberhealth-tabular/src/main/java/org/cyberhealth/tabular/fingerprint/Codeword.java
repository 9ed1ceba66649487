package org.cyberhealth.tabular.fingerprint;

import java.util.Arrays;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.bits.Bits;

/**
 * One recipient's fingerprint: a fixed sequence of bits, immutable. The table watermark carries it as
 * its message ({@link #toBits()}); the tracer compares it with the word read back from a leak.
 */
public final class Codeword {

    private final boolean[] bits;

    private Codeword(boolean[] bits) {
        if (bits.length == 0) {
            throw new BadInputException("a codeword needs at least one bit");
        }
        this.bits = bits;
    }

    public static Codeword of(boolean... bits) {
        return new Codeword(bits.clone());
    }

    public static Codeword fromBits(Bits bits) {
        boolean[] out = new boolean[bits.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bits.get(i);
        }
        return new Codeword(out);
    }

    /** Wraps an array the caller hands over and never touches again (the code's own generator). */
    static Codeword adopt(boolean[] bits) {
        return new Codeword(bits);
    }

    public int length() {
        return bits.length;
    }

    public boolean bit(int position) {
        return bits[position];
    }

    /** The codeword as a bit set (bit {@code i} set when position {@code i} is 1), as the table watermark embeds it. */
    public java.util.BitSet toBitSet() {
        java.util.BitSet set = new java.util.BitSet(length());
        for (int i = 0; i < length(); i++) {
            set.set(i, bit(i));
        }
        return set;
    }

    public Bits toBits() {
        Bits out = new Bits(bits.length);
        for (boolean b : bits) {
            out.append(b);
        }
        return out;
    }

    /** How many positions differ from {@code other} (same length required). */
    public int distanceTo(Codeword other) {
        if (other.bits.length != bits.length) {
            throw new BadInputException("codewords of " + bits.length + " and " + other.bits.length + " bits cannot be compared");
        }
        int distance = 0;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i] != other.bits[i]) {
                distance++;
            }
        }
        return distance;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Codeword c && Arrays.equals(c.bits, bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bits.length);
        for (boolean b : bits) {
            sb.append(b ? '1' : '0');
        }
        return sb.toString();
    }
}
