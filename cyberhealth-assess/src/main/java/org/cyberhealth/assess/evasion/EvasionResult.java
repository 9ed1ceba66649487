package org.cyberhealth.assess.evasion;

/**
 * How a model fared against one evasion attack on a set of labelled images.
 *
 * @param cleanAccuracy     share of images labelled right before the attack
 * @param robustAccuracy    share of images still labelled right after it (every image is attacked)
 * @param attackSuccessRate among the images labelled right before, the share the attack turned wrong
 * @param meanLinf          mean L-infinity size of the perturbations (all images), {@code maxLinf} the largest
 * @param meanL2            mean L2 size of the perturbations, {@code maxL2} the largest
 * @param seconds           wall-clock time of the attack
 */
public record EvasionResult(String attack, int samples, double cleanAccuracy, double robustAccuracy, double attackSuccessRate,
                            double meanLinf, double maxLinf, double meanL2, double maxL2, double seconds) {}
