package org.cyberhealth.tabular.lossless;

/**
 * What embedding did.
 *
 * @param rows rows copied
 * @param values cells that took part (the others, empty or not plain numbers, were copied unchanged)
 * @param groups the number of groups N_g
 * @param carriers groups that carry a bit (message or flag)
 * @param messageCarriers carriers of message bits; each bit is carried about {@code messageCarriers /
 *     messageLength} times
 * @param shifted non-carrier groups, turned away from zero so that the reader can undo them
 * @param flagged groups near the half turn whose turn a flag tells (usually none)
 * @param idle groups without a meaningful centre of mass (empty, or values spread evenly), left alone
 * @param distortion how the values changed
 */
public record EmbeddingReport(long rows, long values, int groups, int carriers, int messageCarriers, int shifted, int flagged,
        int idle, int messageLength, Distortion distortion) {

    /** The share of groups that carry a bit: the paper's capacity, relative to N_g. */
    public double carrierShare() {
        return groups == 0 ? 0 : carriers / (double) groups;
    }
}
