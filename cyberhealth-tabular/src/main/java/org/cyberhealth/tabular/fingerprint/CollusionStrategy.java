package org.cyberhealth.tabular.fingerprint;

import java.util.List;
import java.util.random.RandomGenerator;
import org.cyberhealth.core.BadInputException;

/**
 * How a coalition merges its codewords into one forged word, bit by bit. Every strategy obeys the
 * marking assumption (where all colluders hold the same bit they cannot see the position, so they
 * keep that bit); they differ only where the colluders' bits differ, and there each sees just how
 * many of them hold a 1. At the table level these are the copies' row-wise merges: majority vote,
 * averaging that rounds one way, or taking each row from one copy (interleaving).
 */
public enum CollusionStrategy {

    /** The bit most colluders hold; a fair coin on a tie. */
    MAJORITY {
        @Override
        boolean where(int ones, int colluders, RandomGenerator random) {
            return 2 * ones == colluders ? random.nextBoolean() : 2 * ones > colluders;
        }
    },
    /** The bit fewest colluders hold; a fair coin on a tie (the worst position-independent strategy). */
    MINORITY {
        @Override
        boolean where(int ones, int colluders, RandomGenerator random) {
            return 2 * ones == colluders ? random.nextBoolean() : 2 * ones < colluders;
        }
    },
    /** Each position copied from a colluder chosen at random: 1 with probability ones / colluders. */
    INTERLEAVING {
        @Override
        boolean where(int ones, int colluders, RandomGenerator random) {
            return random.nextInt(colluders) < ones;
        }
    },
    /** A fair coin wherever the colluders differ. */
    COIN_FLIP {
        @Override
        boolean where(int ones, int colluders, RandomGenerator random) {
            return random.nextBoolean();
        }
    },
    /** 0 wherever the colluders differ. */
    ZERO_WHERE_DIFFERENT {
        @Override
        boolean where(int ones, int colluders, RandomGenerator random) {
            return false;
        }
    },
    /** 1 wherever the colluders differ. */
    ONE_WHERE_DIFFERENT {
        @Override
        boolean where(int ones, int colluders, RandomGenerator random) {
            return true;
        }
    };

    /** The forged bit at a position where {@code 0 < ones < colluders}. */
    abstract boolean where(int ones, int colluders, RandomGenerator random);

    /** The word the coalition hands out; {@code random} supplies the coalition's own coin flips. */
    public boolean[] forge(List<Codeword> coalition, RandomGenerator random) {
        if (coalition.isEmpty()) {
            throw new BadInputException("a coalition needs at least one member");
        }
        int m = coalition.get(0).length();
        int c = coalition.size();
        boolean[] forged = new boolean[m];
        for (int i = 0; i < m; i++) {
            int ones = 0;
            for (Codeword member : coalition) {
                if (member.length() != m) {
                    throw new BadInputException("colluders' codewords differ in length");
                }
                if (member.bit(i)) {
                    ones++;
                }
            }
            forged[i] = ones == c || ones > 0 && where(ones, c, random);
        }
        return forged;
    }
}
