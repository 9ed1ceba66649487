package org.cyberhealth.tabular.fingerprint;

import org.cyberhealth.core.BadInputException;

/**
 * The symmetric accusation score of Skoric, Katzenbeisser and Celik ("Symmetric Tardos fingerprinting
 * codes for arbitrary alphabet sizes", Designs, Codes and Cryptography 46, 2008), binary case: a
 * recipient whose bit at position {@code i} agrees with the observed bit gains
 * {@code sqrt((1-p)/p)} where the agreed bit is the rare one (probability {@code p}) and
 * {@code sqrt(p/(1-p))} otherwise; disagreeing loses the other one of the two. Rewarding agreement on
 * 0s and 1s alike (Tardos' original score only looked at the 1s) gives an innocent, whose bit is drawn
 * independently of the observed one, mean 0 and variance 1 per position whatever the observed word,
 * and halves the code length. Erased positions score 0.
 *
 * <p>Built once per observed word: the two possible values per position are tabulated, so that a
 * score is one pass over the codeword.
 */
public final class SymmetricScore {

    private final double[] ifOne;
    private final double[] ifZero;
    private final InnocentScoreBound innocentBound;

    private SymmetricScore(double[] ifOne, double[] ifZero, InnocentScoreBound innocentBound) {
        this.ifOne = ifOne;
        this.ifZero = ifZero;
        this.innocentBound = innocentBound;
    }

    public static SymmetricScore against(TardosCode code, ObservedWord word) {
        if (word.length() != code.length()) {
            throw new BadInputException("the observed word has " + word.length() + " positions but the code has "
                    + code.length());
        }
        int m = code.length();
        double[] ifOne = new double[m];
        double[] ifZero = new double[m];
        double[] low = new double[word.readPositions()];
        double[] step = new double[low.length];
        double[] highChance = new double[low.length];
        int read = 0;
        for (int i = 0; i < m; i++) {
            if (word.isErased(i)) {
                continue;
            }
            double p = code.bias(i);
            double rareOne = Math.sqrt((1 - p) / p);
            double rareZero = Math.sqrt(p / (1 - p));
            boolean one = word.bit(i);
            ifOne[i] = one ? rareOne : -rareOne;
            ifZero[i] = one ? -rareZero : rareZero;
            // An innocent holds a 1 with probability p: its term is the higher value with that chance.
            low[read] = Math.min(ifOne[i], ifZero[i]);
            step[read] = Math.abs(ifOne[i] - ifZero[i]);
            highChance[read] = ifOne[i] > ifZero[i] ? p : 1 - p;
            read++;
        }
        return new SymmetricScore(ifOne, ifZero, new InnocentScoreBound(low, step, highChance));
    }

    /** The score of {@code codeword}: the sum of its per-position terms. */
    public double of(Codeword codeword) {
        if (codeword.length() != ifOne.length) {
            throw new BadInputException("a codeword of " + codeword.length() + " bits cannot be scored against a code of "
                    + ifOne.length);
        }
        double sum = 0;
        for (int i = 0; i < ifOne.length; i++) {
            sum += codeword.bit(i) ? ifOne[i] : ifZero[i];
        }
        return sum;
    }

    /** The exact tail bound for a recipient whose codeword is independent of this observed word. */
    public InnocentScoreBound innocentBound() {
        return innocentBound;
    }
}
