package org.cyberhealth.assess.provenance;

/**
 * The outcome of looking for a mark: the evidence and the p-value, the probability that a model (or data) without the
 * mark shows at least this much of it by chance.
 *
 * @param score    what was observed: matching bits, agreeing trigger labels, or a combined cosine statistic
 * @param out      what it is out of (bits, triggers, carriers)
 * @param expected the score expected of an unmarked model under the null
 */
public record MarkCheck(String scheme, double score, int out, double expected, double pValue) {

    /** True when the p-value is at most {@code bound}: the mark is taken as present. */
    public boolean found(double bound) {
        return pValue <= bound;
    }
}
