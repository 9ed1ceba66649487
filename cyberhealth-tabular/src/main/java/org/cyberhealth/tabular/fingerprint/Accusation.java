package org.cyberhealth.tabular.fingerprint;

/**
 * One candidate recipient as the tracer judged it.
 *
 * @param recipient the candidate's id
 * @param score its symmetric score against the observed word
 * @param innocentBound the bound on the probability that an innocent recipient scores at least this
 *     much ({@link InnocentScoreBound}); at most the false-accusation probability when accused
 * @param unionBound the same for any of the candidates: {@code min(1, candidates * innocentBound)}
 * @param accused whether {@code innocentBound} is at most the false-accusation probability
 */
public record Accusation(String recipient, double score, double innocentBound, double unionBound, boolean accused) {}
