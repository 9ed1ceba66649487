package org.cyberhealth.tabular.fingerprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;

/**
 * Names the recipients behind a leaked copy: scores every candidate's codeword against the observed
 * word with the symmetric score (Skoric, Katzenbeisser and Celik, 2008) and accuses a candidate when the
 * exact Chernoff bound on an innocent reaching that score ({@link InnocentScoreBound}) is at most
 * {@code eps1}. Each innocent is then accused with probability at most {@code eps1}, whatever the
 * coalition did, so among {@code N} candidates the chance of accusing anyone innocent is at most
 * {@code N eps1}, reported per candidate as its union bound. A coalition larger than the code's
 * {@code c} can escape, but cannot make an innocent more likely to be accused.
 */
public final class Tracer {

    private final TardosCode code;
    private final double falseAccusation;

    /** A tracer that accuses at the code's own {@code eps1}. */
    public Tracer(TardosCode code) {
        this(code, code.parameters().falseAccusation());
    }

    public Tracer(TardosCode code, double falseAccusation) {
        if (!(falseAccusation > 0 && falseAccusation < 1)) {
            throw new BadInputException("the false-accusation probability eps1 must lie strictly between 0 and 1 (got "
                    + falseAccusation + ")");
        }
        this.code = code;
        this.falseAccusation = falseAccusation;
    }

    /** Judges every candidate ({@code id -> codeword}) against {@code observed}. */
    public Trace trace(ObservedWord observed, Map<String, Codeword> candidates) {
        SymmetricScore score = SymmetricScore.against(code, observed);
        InnocentScoreBound bound = score.innocentBound();
        int n = candidates.size();
        double logLimit = Math.log(falseAccusation);
        List<Accusation> ranking = new ArrayList<>(n);
        for (Map.Entry<String, Codeword> candidate : candidates.entrySet()) {
            double s = score.of(candidate.getValue());
            double logInnocent = bound.logProbabilityAtLeast(s);
            double innocent = Math.exp(logInnocent);
            ranking.add(new Accusation(candidate.getKey(), s, innocent, Math.min(1, n * innocent), logInnocent <= logLimit));
        }
        ranking.sort(Comparator.comparingDouble(Accusation::score).reversed());
        return new Trace(ranking, bound.threshold(falseAccusation), falseAccusation, observed.readPositions());
    }
}
