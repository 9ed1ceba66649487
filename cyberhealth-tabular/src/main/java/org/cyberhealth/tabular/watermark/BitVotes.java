package org.cyberhealth.tabular.watermark;

import java.util.Arrays;

/**
 * What a suspect table says about each message bit: how many marked cells voted 0 and how many voted 1.
 * Li, Swarup and Jajodia decide each bit by majority vote; a bit with no votes, or a tie, stays unknown.
 */
public final class BitVotes {

    private final int[] zeros;
    private final int[] ones;
    private long rows;

    BitVotes(int length) {
        zeros = new int[length];
        ones = new int[length];
    }

    void add(int index, int bit) {
        if (bit == 0) {
            zeros[index]++;
        } else {
            ones[index]++;
        }
    }

    void countRow() {
        rows++;
    }

    /** Adds another part's votes (tables read in parallel). */
    void merge(BitVotes other) {
        for (int i = 0; i < zeros.length; i++) {
            zeros[i] += other.zeros[i];
            ones[i] += other.ones[i];
        }
        rows += other.rows;
    }

    public int length() {
        return zeros.length;
    }

    public long rows() {
        return rows;
    }

    public long votes() {
        return Arrays.stream(zeros).asLongStream().sum() + Arrays.stream(ones).asLongStream().sum();
    }

    /** The majority bit at {@code index}: 0, 1, or -1 when there is no vote or a tie. */
    public int majority(int index) {
        return Integer.compare(ones[index], zeros[index]) > 0 ? 1 : zeros[index] > ones[index] ? 0 : -1;
    }

    /** The votes for 0 of positions {@code from} (inclusive) to {@code to} (exclusive). */
    public int[] zeros(int from, int to) {
        return Arrays.copyOfRange(zeros, from, to);
    }

    public int[] ones(int from, int to) {
        return Arrays.copyOfRange(ones, from, to);
    }
}
