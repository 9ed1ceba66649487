package org.cyberhealth.imaging.watermark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.watermark.robust.RobustMark;
import org.cyberhealth.imaging.watermark.robust.RobustParameters;

/**
 * Names the recipient of a leaked copy from the robust mark read back from it. Each candidate's code
 * is compared bit by bit with the bits read; the p-value of a candidate is the probability that an
 * unrelated code (each bit a fair coin) agrees at least as well, multiplied by the number of candidates
 * and of the layouts read (Bonferroni), so that a default bound of 1e-6 caps the chance of accusing an
 * innocent recipient.
 *
 * <p>The copy is read in every layout the product marks with: an 8-bit copy may be an 8-bit original
 * (marked in 4x4-pixel units) or a windowed export of a CT or MR (2x2-pixel units), and nothing in it
 * tells which. The reading whose best candidate is the least likely by chance is reported.
 */
public final class RecipientTracer {

    /** One candidate recipient, with its disagreement with the bits read and its corrected p-value. */
    public record Candidate(String recipient, int bitErrors, double pValue) {}

    /**
     * @param ranking every candidate, best first
     * @param accused the best candidate, when its p-value is within the bound
     * @param bitsRead the hard-decided bits read from the copy
     */
    public record Trace(List<Candidate> ranking, Optional<Candidate> accused, Bits bitsRead) {}

    public static final double DEFAULT_BOUND = 1e-6;

    private RecipientTracer() {}

    /**
     * Reads the robust mark from {@code copy} (which must have the marked image's width and height, in
     * any range: an 8-bit windowed export of a CT reads) and compares it with every recipient's code.
     */
    public static Trace trace(Raster copy, IssuerKey key, Collection<String> recipients, double bound) {
        byte[] embeddingKey = key.derive(IssuerKey.Purpose.EMBEDDING);
        Trace best = null;
        for (RobustParameters layout : LAYOUTS) {
            double[] soft = new RobustMark(embeddingKey, layout).read(copy).softValues();
            Trace trace = trace(soft, key, recipients, bound, LAYOUTS.size());
            if (best == null || smallestPValue(trace) < smallestPValue(best)) {
                best = trace;
            }
        }
        return best;
    }

    /** The layouts the product marks with: an 8-bit range's and a wider one's (see {@link RobustParameters#forPeak}). */
    private static final List<RobustParameters> LAYOUTS = List.of(RobustParameters.forRangeBits(8), RobustParameters.forRangeBits(16));

    private static double smallestPValue(Trace trace) {
        return trace.ranking().isEmpty() ? 1 : trace.ranking().get(0).pValue();
    }

    /**
     * The trace of one of {@code readings} readings of the copy, each a chance to accuse.
     *
     * @param soft one value per code bit read from the copy: positive means 1, zero means unreadable
     */
    private static Trace trace(double[] soft, IssuerKey key, Collection<String> recipients, double bound, int readings) {
        Bits read = new Bits(soft.length);
        for (double s : soft) {
            read.append(s > 0);
        }
        BinomialDistribution chance = BinomialDistribution.of(soft.length, 0.5);
        List<Candidate> ranking = new ArrayList<>();
        for (String recipient : recipients) {
            Bits code = Bits.fromBytes(RecipientCodes.of(key, recipient));
            int errors = 0;
            for (int i = 0; i < soft.length; i++) {
                // An unreadable bit (exactly zero) counts against the candidate: never in its favour.
                if (soft[i] == 0 || (soft[i] > 0) != code.get(i)) {
                    errors++;
                }
            }
            double p = Math.min(1.0, chance.cumulativeProbability(errors) * recipients.size() * readings);
            ranking.add(new Candidate(recipient, errors, p));
        }
        ranking.sort(Comparator.comparingDouble(Candidate::pValue).thenComparing(Candidate::recipient));
        Optional<Candidate> accused = ranking.isEmpty() || ranking.get(0).pValue() > bound
                ? Optional.empty() : Optional.of(ranking.get(0));
        return new Trace(ranking, accused, read);
    }
}
