package org.cyberhealth.tabular.watermark;

import java.util.BitSet;
import java.util.function.IntUnaryOperator;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * Is the owner mark in this table? Each owner bit is decided by majority vote; in a table that was never
 * marked with this key every decided bit matches with probability 1/2, independently (the keyed mask
 * makes each vote a fair coin whatever the data), so the number of matches is Binomial(n, 1/2). The
 * p-value is the chance of at least as many matches by luck; the mark is found when it is below the
 * chosen false-positive bound (default 1e-9), as in Agrawal and Kiernan's threshold test.
 */
public final class OwnerMarkTest {

    public static final double DEFAULT_FALSE_POSITIVE_BOUND = 1e-9;

    private OwnerMarkTest() {}

    /** The outcome: {@code decided} owner bits had a majority, {@code matching} of them agree with the mark. */
    public record Result(int ownerBits, int decided, int matching, double pValue, double bound) {
        public boolean detected() {
            return pValue <= bound;
        }
    }

    public static Result test(BitVotes votes, BitSet ownerMark, int ownerBits, double bound) {
        return test(votes::majority, ownerMark, ownerBits, bound);
    }

    /**
     * The same test for any reading that decides bits by majority ({@code majority.applyAsInt(i)} is 0, 1,
     * or -1 when bit {@code i} is undecided), such as the lossless scheme's.
     */
    public static Result test(IntUnaryOperator majority, BitSet ownerMark, int ownerBits, double bound) {
        int decided = 0;
        int matching = 0;
        for (int i = 0; i < ownerBits; i++) {
            int bit = majority.applyAsInt(i);
            if (bit >= 0) {
                decided++;
                if (bit == (ownerMark.get(i) ? 1 : 0)) {
                    matching++;
                }
            }
        }
        double p = decided == 0 ? 1 : matching == 0 ? 1 : BinomialDistribution.of(decided, 0.5).survivalProbability(matching - 1);
        return new Result(ownerBits, decided, matching, p, bound);
    }
}
