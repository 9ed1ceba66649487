package org.cyberhealth.core.bits;

import org.cyberhealth.core.BadInputException;

/**
 * Reads a {@link Bits} sequence front to back. Running past the end is a {@link BadInputException}
 * (what is being parsed came from an untrusted file), never an index error.
 */
public final class BitCursor {

    private final Bits bits;
    private int position;

    public BitCursor(Bits bits) {
        this.bits = bits;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return bits.length() - position;
    }

    public long read(int count) {
        need(count);
        long value = bits.read(position, count);
        position += count;
        return value;
    }

    public int readInt(int count) {
        return (int) read(count);
    }

    public boolean readBit() {
        return read(1) == 1;
    }

    public byte[] readBytes(int count) {
        need((long) count * 8);
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) read(8);
        }
        return out;
    }

    public Bits readBits(int count) {
        need(count);
        Bits out = bits.slice(position, position + count);
        position += count;
        return out;
    }

    /** Elias-gamma code of a positive integer (see {@link #gammaLength}); refuses codes over 31 bits. */
    public int readGamma() {
        int zeros = 0;
        while (!readBit()) {
            if (++zeros > 30) {
                throw new BadInputException("corrupt variable-length number in embedded data");
            }
        }
        return (int) ((1L << zeros) | read(zeros));
    }

    /** Appends the Elias-gamma code of {@code value} (at least 1) to {@code out}. */
    public static void writeGamma(Bits out, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("gamma code needs a positive value, got " + value);
        }
        int n = 31 - Integer.numberOfLeadingZeros(value);
        out.append(0, n);
        out.append(value, n + 1);
    }

    private void need(long count) {
        if (count < 0 || count > remaining()) {
            throw new BadInputException("embedded data ends early (need " + count + " bits, " + remaining() + " left)");
        }
    }
}
