package org.cyberhealth.tabular.fingerprint;

import java.util.random.RandomGenerator;
import org.cyberhealth.core.BadInputException;

/**
 * What happens to the forged word between the coalition and the tracer, at the bit level: each
 * position is erased with probability {@code erasureRate} (all rows carrying it deleted, or a tied
 * vote) and otherwise flipped with probability {@code flipRate} (values randomised until the vote
 * turns). Flips break the marking assumption and cost the colluders' scores; they never make an
 * innocent likelier to be accused, since the innocent's bits stay independent of the word.
 */
public record NoisyChannel(double erasureRate, double flipRate) {

    /** A channel that delivers the forged word unchanged. */
    public static final NoisyChannel NONE = new NoisyChannel(0, 0);

    public NoisyChannel {
        if (!(erasureRate >= 0 && erasureRate <= 1) || !(flipRate >= 0 && flipRate <= 1)) {
            throw new BadInputException("erasure and flip rates must lie between 0 and 1 (got " + erasureRate + ", "
                    + flipRate + ")");
        }
    }

    public ObservedWord transmit(boolean[] forged, RandomGenerator random) {
        byte[] symbols = new byte[forged.length];
        for (int i = 0; i < forged.length; i++) {
            if (erasureRate > 0 && random.nextDouble() < erasureRate) {
                symbols[i] = ObservedWord.ERASED;
            } else {
                boolean flipped = flipRate > 0 && random.nextDouble() < flipRate;
                symbols[i] = forged[i] != flipped ? ObservedWord.ONE : ObservedWord.ZERO;
            }
        }
        return new ObservedWord(symbols);
    }
}
