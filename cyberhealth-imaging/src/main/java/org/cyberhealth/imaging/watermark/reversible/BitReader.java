package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/** Reads a {@link Bits} front to back; running out of bits means the region holds no valid embedding. */
final class BitReader {

    private final Bits bits;
    private int position;

    BitReader(Bits bits) {
        this.bits = bits;
    }

    int position() {
        return position;
    }

    int remaining() {
        return bits.length() - position;
    }

    int bit() {
        if (position >= bits.length()) {
            throw new ExtractionException("no valid reversible watermark: side information runs past the hidden bits");
        }
        return bits.bit(position++);
    }

    /** {@code count} bits, most significant first. */
    int read(int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value = value << 1 | bit();
        }
        return value;
    }

    /** An Elias gamma code word (a value of at least 1). */
    int gamma() {
        int zeros = 0;
        while (bit() == 0) {
            if (++zeros > 30) {
                throw new ExtractionException("no valid reversible watermark: malformed side information");
            }
        }
        return (1 << zeros) | read(zeros);
    }

    Bits rest() {
        Bits out = bits.slice(position, bits.length());
        position = bits.length();
        return out;
    }

    /** Writes {@code value >= 1} as an Elias gamma code word: short for small values, as side information mostly is. */
    static void gamma(Bits out, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("gamma of " + value);
        }
        int length = 32 - Integer.numberOfLeadingZeros(value);
        out.append(0L, length - 1);
        out.append(value, length);
    }

    /** The number of bits needed to write any value in {@code 0..max}. */
    static int widthOf(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }
}
