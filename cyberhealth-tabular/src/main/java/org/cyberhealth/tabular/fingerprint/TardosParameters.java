package org.cyberhealth.tabular.fingerprint;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.cyberhealth.core.BadInputException;

/**
 * The parameters of a binary Tardos code with the symmetric score: the largest coalition it is built
 * against ({@code c}), the false-accusation probability per innocent recipient ({@code eps1}), the
 * probability of catching no colluder that the length is sized for ({@code eps2}), the bias cutoff
 * {@code delta} and the code length {@code m}.
 *
 * <p>Sources. The score is the symbol-symmetric one of Skoric, Katzenbeisser and Celik, "Symmetric
 * Tardos fingerprinting codes for arbitrary alphabet sizes", Designs, Codes and Cryptography 46 (2008),
 * whose Gaussian analysis gives {@code m ~ (pi^2/2) c^2 ln(1/eps1)}; Laarhoven and de Weger, "Optimal
 * symmetric Tardos traitor tracing schemes", Designs, Codes and Cryptography 71 (2014), prove that this
 * length is asymptotically achieved (accusation threshold {@code ~ pi c ln(1/eps1)}) with a bias cutoff
 * that shrinks like {@code c^(-4/3)}. {@link #asymptoticLength(int, double)} and
 * {@link #asymptoticThreshold()} are those asymptotic values.
 *
 * <p>Why the default length is longer than the asymptote. The asymptote is a large-{@code c} limit and
 * says nothing about {@code eps2}: at {@code c = 3, eps1 = 1e-6} its 614 positions catch a colluder in
 * only about 98-99% of coalitions in our simulation. The length used here closes that gap with the
 * same Gaussian reasoning the papers use, made explicit for finite {@code c}: under the marking
 * assumption the coalition's summed score has mean {@code m * mu} whatever the strategy, where
 * {@code mu} is the worst-case per-position coalition score for this cutoff (exact, below), and
 * variance at most {@code m c}; an innocent's score has mean 0, variance {@code m}, and stays below
 * about {@code sqrt(2 m ln(1/eps1))}. Requiring the best colluder (at least the coalition's mean) to
 * clear that threshold except with probability {@code eps2} gives
 * {@code m = ((c sqrt(2 ln(1/eps1)) + z sqrt(c)) / mu)^2} with {@code z} the standard normal
 * {@code 1 - eps2} quantile. It tends to the asymptote as {@code c} grows ({@code mu -> 2/pi}) and
 * gives 827 positions for the defaults. Accusations never rely on this approximation: the tracer
 * bounds every innocent's probability exactly ({@link InnocentScoreBound}).
 *
 * <p>The cutoff is {@code delta = 1 / (16 c^(4/3))}: the scaling is Laarhoven and de Weger's; the
 * constant 16 is ours, it puts the cutoff at the maximum of {@code mu} for {@code c = 3} and within 3%
 * of the shortest length this formula allows for {@code c} from 3 to 100 (for 1 or 2 colluders a larger
 * cutoff would shorten the code; docs/FINGERPRINT.md).
 */
public final class TardosParameters {

    public static final int DEFAULT_MAX_COLLUDERS = 3;
    public static final double DEFAULT_FALSE_ACCUSATION = 1e-6;
    public static final double DEFAULT_MISS = 0.01;

    /** The constant {@code d} of the cutoff {@code delta = 1 / (d c^(4/3))}. */
    static final double CUTOFF_CONSTANT = 16;
    /** Longer codes cannot be carried by any table we mark, and would only hide a wrong parameter. */
    static final int MAX_CODE_LENGTH = 1 << 24;

    private final int maxColluders;
    private final double falseAccusation;
    private final double miss;
    private final double cutoff;
    private final int codeLength;

    private TardosParameters(int maxColluders, double falseAccusation, double miss, double cutoff, int codeLength) {
        this.maxColluders = maxColluders;
        this.falseAccusation = falseAccusation;
        this.miss = miss;
        this.cutoff = cutoff;
        this.codeLength = codeLength;
    }

    /** {@code c = 3}, {@code eps1 = 1e-6}, {@code eps2 = 0.01}: 827 positions. */
    public static TardosParameters defaults() {
        return of(DEFAULT_MAX_COLLUDERS, DEFAULT_FALSE_ACCUSATION, DEFAULT_MISS);
    }

    public static TardosParameters of(int maxColluders, double falseAccusation) {
        return of(maxColluders, falseAccusation, DEFAULT_MISS);
    }

    /**
     * @param maxColluders the largest coalition ({@code c}) the code is sized for, at least 1
     * @param falseAccusation {@code eps1}, the probability bound for accusing a given innocent recipient
     * @param miss {@code eps2}, the probability of catching no colluder the length is sized for
     */
    public static TardosParameters of(int maxColluders, double falseAccusation, double miss) {
        requireColluders(maxColluders);
        requireProbability("false-accusation probability eps1", falseAccusation);
        requireProbability("miss probability eps2", miss);
        double cutoff = cutoffFor(maxColluders);
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(miss);
        double sqrtLength = (maxColluders * Math.sqrt(2 * Math.log(1 / falseAccusation))
                + Math.max(0, z) * Math.sqrt(maxColluders)) / worstCaseCoalitionScore(maxColluders, cutoff);
        return new TardosParameters(maxColluders, falseAccusation, miss, cutoff, lengthOf(Math.ceil(sqrtLength * sqrtLength)));
    }

    /**
     * The same code with {@code length} positions instead of the computed length, for a caller whose
     * carrier holds a fixed number of bits; the tracer's bound stays exact, only the catch rate changes.
     */
    public TardosParameters withCodeLength(int length) {
        if (length < 1) {
            throw new BadInputException("a Tardos code needs at least one position (got " + length + ")");
        }
        return new TardosParameters(maxColluders, falseAccusation, miss, cutoff, lengthOf(length));
    }

    /** The large-coalition length {@code (pi^2/2) c^2 ln(1/eps1)} (Skoric et al.; Laarhoven and de Weger). */
    public static int asymptoticLength(int maxColluders, double falseAccusation) {
        requireColluders(maxColluders);
        requireProbability("false-accusation probability eps1", falseAccusation);
        double c = maxColluders;
        return lengthOf(Math.ceil(Math.PI * Math.PI / 2 * c * c * Math.log(1 / falseAccusation)));
    }

    /** The large-coalition accusation threshold {@code pi c ln(1/eps1)} that goes with the asymptotic length. */
    public double asymptoticThreshold() {
        return Math.PI * maxColluders * Math.log(1 / falseAccusation);
    }

    /**
     * A threshold that holds for every observed word without looking at it (Bennett's inequality with
     * the largest score step {@code sqrt((1-delta)/delta)}); always at least the word-dependent threshold
     * of {@link InnocentScoreBound}, and much higher, which is why the tracer does not use it.
     */
    public double fixedThreshold() {
        return BennettThreshold.of(codeLength, cutoff, falseAccusation);
    }

    /**
     * The smallest expected coalition score per position over all position-independent strategies under
     * the marking assumption, for biases drawn from the arcsine density on {@code [delta, 1-delta]}.
     * Positions where all colluders agree give {@code ((1-delta)^c - delta^c) / pi'} each; a position
     * where {@code k} of them hold a 1 contributes {@code +-(B1(k) - B2(k)) / pi'} by the coalition's
     * choice (B1, B2 binomial({@code c}, {@code 1-delta}), binomial({@code c}, {@code delta})), which
     * the worst strategy makes negative; {@code pi' = pi - 4 asin(sqrt(delta))} normalises the density.
     * Without cutoff this is Skoric et al.'s strategy-independent {@code 2/pi}.
     */
    static double worstCaseCoalitionScore(int colluders, double cutoff) {
        BinomialDistribution ones = BinomialDistribution.of(colluders, 1 - cutoff);
        BinomialDistribution zeros = BinomialDistribution.of(colluders, cutoff);
        double sum = 2 * (ones.probability(colluders) - zeros.probability(colluders));
        for (int k = 1; k < colluders; k++) {
            sum -= Math.abs(ones.probability(k) - zeros.probability(k));
        }
        return sum / (Math.PI - 4 * Math.asin(Math.sqrt(cutoff)));
    }

    static double cutoffFor(int maxColluders) {
        return 1 / (CUTOFF_CONSTANT * Math.pow(maxColluders, 4.0 / 3));
    }

    private static int lengthOf(double length) {
        if (!(length <= MAX_CODE_LENGTH)) {
            throw new BadInputException("a Tardos code of " + (long) length + " positions is too long to embed (at most "
                    + MAX_CODE_LENGTH + "); lower the coalition size c");
        }
        return (int) length;
    }

    private static void requireColluders(int maxColluders) {
        if (maxColluders < 1) {
            throw new BadInputException("the coalition size c must be at least 1 (got " + maxColluders + ")");
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new BadInputException("the " + name + " must lie strictly between 0 and 1 (got " + value + ")");
        }
    }

    public int maxColluders() {
        return maxColluders;
    }

    /** {@code eps1}: the bound on the probability of accusing a given innocent recipient. */
    public double falseAccusation() {
        return falseAccusation;
    }

    /** {@code eps2}: the probability of catching no colluder that the length was sized for. */
    public double miss() {
        return miss;
    }

    /** {@code delta}: every bias lies in {@code [delta, 1 - delta]}. */
    public double cutoff() {
        return cutoff;
    }

    public int codeLength() {
        return codeLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TardosParameters p && p.maxColluders == maxColluders && p.falseAccusation == falseAccusation
                && p.miss == miss && p.cutoff == cutoff && p.codeLength == codeLength;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(maxColluders, falseAccusation, miss, cutoff, codeLength);
    }

    @Override
    public String toString() {
        return "TardosParameters[c=" + maxColluders + ", eps1=" + falseAccusation + ", eps2=" + miss + ", cutoff="
                + cutoff + ", length=" + codeLength + "]";
    }
}
