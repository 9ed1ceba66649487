package org.cyberhealth.tabular.lossless;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.cyberhealth.tabular.watermark.OwnerMarkTest;

/**
 * The message read from a table: for each bit, the votes of the groups that carry it (a carrier votes
 * with the sign of its relative angle, as in the paper's detector). Blind: it needs the key and the
 * parameters, never the original table.
 *
 * @param bits one reading per message bit
 * @param groups the number of groups read
 */
public record Extraction(List<BitReading> bits, int groups) {

    public Extraction {
        bits = List.copyOf(bits);
    }

    /**
     * The votes for one bit.
     *
     * @param ones carriers whose angle says 1
     * @param zeros carriers whose angle says 0
     */
    public record BitReading(int ones, int zeros) {

        /** The majority: 0, 1, or -1 when no carrier voted or the vote is tied. */
        public int bit() {
            return ones > zeros ? 1 : zeros > ones ? 0 : -1;
        }

        /**
         * How far the vote is from a coin toss: |ones - zeros| / (ones + zeros), 1 when every carrier agrees,
         * 0 for a tie or no vote.
         */
        public double reliability() {
            int votes = ones + zeros;
            return votes == 0 ? 0 : Math.abs(ones - zeros) / (double) votes;
        }
    }

    static Extraction ofVotes(int[] ones, int[] zeros, int groups) {
        List<BitReading> readings = new ArrayList<>(ones.length);
        for (int i = 0; i < ones.length; i++) {
            readings.add(new BitReading(ones[i], zeros[i]));
        }
        return new Extraction(readings, groups);
    }

    public int length() {
        return bits.size();
    }

    /** The decided bits (an undecided bit reads 0). */
    public BitSet message() {
        BitSet message = new BitSet(bits.size());
        for (int i = 0; i < bits.size(); i++) {
            message.set(i, bits.get(i).bit() == 1);
        }
        return message;
    }

    /** The number of carriers that voted. */
    public long votes() {
        return bits.stream().mapToLong(b -> b.ones() + b.zeros()).sum();
    }

    /** The bits that differ from {@code expected}, an undecided bit counting as an error. */
    public int errorsAgainst(BitSet expected) {
        int errors = 0;
        for (int i = 0; i < bits.size(); i++) {
            if (bits.get(i).bit() != (expected.get(i) ? 1 : 0)) {
                errors++;
            }
        }
        return errors;
    }

    /**
     * The bits whose carriers voted and did not elect {@code expected}'s value (a tie counts): each means a
     * carrier group read otherwise than it was turned. A bit no group carries (a small table can leave one
     * without carriers) has no vote and is not counted.
     */
    public int disagreementsWith(BitSet expected) {
        int disagreements = 0;
        for (int i = 0; i < bits.size(); i++) {
            BitReading reading = bits.get(i);
            if (reading.ones() + reading.zeros() > 0 && reading.bit() != (expected.get(i) ? 1 : 0)) {
                disagreements++;
            }
        }
        return disagreements;
    }

    public double bitErrorRate(BitSet expected) {
        return bits.isEmpty() ? 0 : errorsAgainst(expected) / (double) bits.size();
    }

    /**
     * The chance that a table never marked with this key and message agrees with {@code expected} on at
     * least as many decided bits: without the mark every decided bit is a fair coin (the keyed grouping
     * makes each group's sign independent of the message), so the matches are Binomial(decided, 1/2).
     * A small value is the evidence that this table carries {@code expected}.
     */
    public double chanceMatch(BitSet expected) {
        return OwnerMarkTest.test(i -> bits.get(i).bit(), expected, bits.size(), 1).pValue();
    }
}
