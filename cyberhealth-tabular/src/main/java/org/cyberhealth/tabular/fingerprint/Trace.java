package org.cyberhealth.tabular.fingerprint;

import java.util.List;

/**
 * What the tracer concluded from one observed word.
 *
 * @param ranking every candidate, highest score first
 * @param threshold the score from which a candidate is accused (infinite when none can be)
 * @param falseAccusation the bound {@code eps1} each accusation satisfies
 * @param positionsRead the codeword positions that were read, not erased
 */
public record Trace(List<Accusation> ranking, double threshold, double falseAccusation, int positionsRead) {

    public Trace {
        ranking = List.copyOf(ranking);
    }

    /** The accused candidates, highest score first. */
    public List<Accusation> accused() {
        return ranking.stream().filter(Accusation::accused).toList();
    }
}
