package org.cyberhealth.tabular.fingerprint;

import org.cyberhealth.core.BadInputException;

/**
 * The word read back from a leaked copy: per codeword position a 0, a 1, or an erasure. The table
 * watermark reads each position as a majority vote over the many cells that carry it; a position with
 * no vote left (its rows deleted) or a tie is erased, and an erased position adds 0 to every score, so
 * it neither helps nor harms anyone.
 */
public final class ObservedWord {

    static final byte ZERO = 0;
    static final byte ONE = 1;
    static final byte ERASED = -1;

    private final byte[] symbols;
    private final int erasures;

    ObservedWord(byte[] symbols) {
        if (symbols.length == 0) {
            throw new BadInputException("an observed word needs at least one position");
        }
        int erased = 0;
        for (byte s : symbols) {
            if (s == ERASED) {
                erased++;
            } else if (s != ZERO && s != ONE) {
                throw new IllegalArgumentException("symbol " + s);
            }
        }
        this.symbols = symbols;
        this.erasures = erased;
    }

    /**
     * The word decided by majority from per-position vote counts: 1 where {@code ones} outvotes
     * {@code zeros}, 0 where it is outvoted, erased on a tie (no votes at all included).
     */
    public static ObservedWord fromVotes(int[] zeros, int[] ones) {
        if (zeros.length != ones.length) {
            throw new BadInputException("vote counts for " + zeros.length + " and " + ones.length
                    + " positions do not describe one word");
        }
        byte[] symbols = new byte[zeros.length];
        for (int i = 0; i < symbols.length; i++) {
            if (zeros[i] < 0 || ones[i] < 0) {
                throw new BadInputException("vote counts cannot be negative (position " + i + ")");
            }
            symbols[i] = ones[i] > zeros[i] ? ONE : zeros[i] > ones[i] ? ZERO : ERASED;
        }
        return new ObservedWord(symbols);
    }

    /** A word read without loss: exactly the bits of {@code word}. */
    public static ObservedWord of(Codeword word) {
        byte[] symbols = new byte[word.length()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = word.bit(i) ? ONE : ZERO;
        }
        return new ObservedWord(symbols);
    }

    public int length() {
        return symbols.length;
    }

    public boolean isErased(int position) {
        return symbols[position] == ERASED;
    }

    /** The bit read at {@code position}; not defined for an erased position. */
    public boolean bit(int position) {
        if (symbols[position] == ERASED) {
            throw new IllegalStateException("position " + position + " is erased");
        }
        return symbols[position] == ONE;
    }

    public int erasures() {
        return erasures;
    }

    /** Positions read as 0 or 1, the ones that count in a score. */
    public int readPositions() {
        return symbols.length - erasures;
    }
}
