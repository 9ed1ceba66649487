package org.cyberhealth.imaging.watermark.robust;

import java.util.Arrays;
import org.cyberhealth.core.bits.Bits;

/**
 * What a blind reading found: one soft value per message bit, positive for 1, negative for 0. Each is
 * a z-score (the bit's summed zone differences over their spread across all zones), so with a wrong
 * key or on an unmarked picture the values scatter like a standard normal variable, while a marked
 * picture gives large values of the right sign.
 */
public final class RobustReading {

    private final double[] softValues;

    RobustReading(double[] softValues) {
        this.softValues = softValues;
    }

    /**
     * The z-scores of per-bit sums of zone statistics: {@code sums[bit]} adds {@code counts[bit]} zone
     * values whose mean square over all zones is {@code meanSquare}.
     */
    static RobustReading ofZoneSums(double[] sums, int[] counts, double meanSquare) {
        double spread = Math.sqrt(meanSquare);
        double[] soft = new double[sums.length];
        for (int bit = 0; bit < sums.length; bit++) {
            soft[bit] = spread == 0 || counts[bit] == 0 ? 0 : sums[bit] / (spread * Math.sqrt(counts[bit]));
        }
        return new RobustReading(soft);
    }

    public int length() {
        return softValues.length;
    }

    public double softValue(int bit) {
        return softValues[bit];
    }

    public double[] softValues() {
        return softValues.clone();
    }

    /** The hard decision: 1 where the soft value is positive. */
    public Bits bits() {
        Bits bits = new Bits(softValues.length);
        for (double v : softValues) {
            bits.append(v > 0);
        }
        return bits;
    }

    /** How many bits of {@code expected} the hard decision gets wrong. */
    public int errorsAgainst(Bits expected) {
        checkLength(expected);
        int errors = 0;
        for (int i = 0; i < softValues.length; i++) {
            if ((softValues[i] > 0) != expected.get(i)) {
                errors++;
            }
        }
        return errors;
    }

    /**
     * The normalised correlation of the soft values with a candidate code read as +-1, in [-1, 1]:
     * the candidate with the highest correlation is the most likely recipient.
     */
    public double correlation(Bits candidate) {
        checkLength(candidate);
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < softValues.length; i++) {
            dot += candidate.get(i) ? softValues[i] : -softValues[i];
            norm += softValues[i] * softValues[i];
        }
        return norm == 0 ? 0 : dot / Math.sqrt(norm * softValues.length);
    }

    /** The mean absolute soft value: large on a marked picture read with the right key. */
    public double meanReliability() {
        return Arrays.stream(softValues).map(Math::abs).average().orElse(0);
    }

    private void checkLength(Bits bits) {
        if (bits.length() != softValues.length) {
            throw new IllegalArgumentException("expected " + softValues.length + " bits, got " + bits.length());
        }
    }
}
