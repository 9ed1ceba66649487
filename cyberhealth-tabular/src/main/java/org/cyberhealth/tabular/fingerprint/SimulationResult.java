package org.cyberhealth.tabular.fingerprint;

/**
 * The outcome of a {@link FingerprintSimulation}.
 *
 * @param strategy how the coalitions merged their codewords
 * @param channel the erasures and flips applied to the forged words
 * @param codeLength positions per codeword
 * @param coalitions how many random coalitions were traced
 * @param catchRate the fraction of coalitions with at least one colluder accused
 * @param innocentsAccused the number of innocent accusations over all coalitions (target 0)
 * @param meanColluderScore the mean score of all colluders
 * @param minColluderScore the lowest score of any colluder
 * @param meanBestColluderScore the mean over coalitions of the highest colluder score
 * @param meanThreshold the mean accusation threshold over the coalitions where one exists
 */
public record SimulationResult(CollusionStrategy strategy, NoisyChannel channel, int codeLength, int coalitions,
        double catchRate, int innocentsAccused, double meanColluderScore, double minColluderScore,
        double meanBestColluderScore, double meanThreshold) {}
