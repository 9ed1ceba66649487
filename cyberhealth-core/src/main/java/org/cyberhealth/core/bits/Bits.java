package org.cyberhealth.core.bits;

import java.util.Arrays;

/**
 * A growable sequence of bits, most significant bit of each appended value first. Payloads of the
 * watermarking schemes are built and read with it.
 */
public final class Bits {

    private long[] words;
    private int length;

    public Bits() {
        this(64);
    }

    public Bits(int initialCapacityBits) {
        words = new long[Math.max(1, (initialCapacityBits + 63) >>> 6)];
    }

    /** The bits of {@code bytes}, most significant bit of the first byte first. */
    public static Bits fromBytes(byte[] bytes) {
        Bits bits = new Bits(bytes.length * 8);
        for (byte b : bytes) {
            bits.append(b & 0xFF, 8);
        }
        return bits;
    }

    public int length() {
        return length;
    }

    public boolean get(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("bit " + index + " of " + length);
        }
        return (words[index >>> 6] >>> (index & 63) & 1L) != 0;
    }

    public int bit(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("bit " + index + " of " + length);
        }
        // shifted, not tested: a payload's bits are random, and a branch on them is mispredicted half the time
        return (int) (words[index >>> 6] >>> (index & 63)) & 1;
    }

    public Bits append(boolean bit) {
        return appendLowBit(bit ? 1L : 0L);
    }

    /**
     * Appends the lowest bit of {@code bit} (the rest must be 0). Or-ing it in, instead of testing it,
     * keeps the branch predictor out of it: payload bits are random.
     */
    private Bits appendLowBit(long bit) {
        if (length == words.length * 64) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        words[length >>> 6] |= bit << (length & 63);
        length++;
        return this;
    }

    /** Appends the {@code count} low bits of {@code value}, most significant first. */
    public Bits append(long value, int count) {
        if (count < 0 || count > 64) {
            throw new IllegalArgumentException("count " + count);
        }
        for (int i = count - 1; i >= 0; i--) {
            appendLowBit(value >>> i & 1L);
        }
        return this;
    }

    public Bits append(Bits other) {
        for (int i = 0; i < other.length; i++) {
            appendLowBit(other.words[i >>> 6] >>> (i & 63) & 1L);
        }
        return this;
    }

    public Bits appendBytes(byte[] bytes) {
        for (byte b : bytes) {
            append(b & 0xFF, 8);
        }
        return this;
    }

    /** Reads {@code count} bits from {@code offset} as an unsigned value, most significant first. */
    public long read(int offset, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = value << 1 | bit(offset + i);
        }
        return value;
    }

    public Bits slice(int from, int to) {
        if (from < 0 || to > length || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + length);
        }
        Bits out = new Bits(to - from);
        for (int i = from; i < to; i++) {
            out.appendLowBit(words[i >>> 6] >>> (i & 63) & 1L);
        }
        return out;
    }

    /** The bits packed into bytes, most significant first; the last byte is zero-padded. */
    public byte[] toBytes() {
        byte[] out = new byte[(length + 7) >>> 3];
        for (int i = 0; i < length; i++) {
            if (get(i)) {
                out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return out;
    }

    public Bits copy() {
        Bits out = new Bits(length);
        out.words = Arrays.copyOf(words, words.length);
        out.length = length;
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Bits)) {
            return false;
        }
        Bits other = (Bits) o;
        if (other.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (get(i) != other.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = length;
        for (int i = 0; i < length; i++) {
            h = 31 * h + bit(i);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(get(i) ? '1' : '0');
        }
        return sb.toString();
    }
}
