package org.cyberhealth.assess.evasion;

/**
 * How a model fared against one evasion attack on a set of labelled images.
 *
 * @param cleanAccuracy     share of images labelled right before the attack
 * @param robustAccuracy    share of images still labelled right after it (every image is attacked)
 * @param attackSuccessRate among the images labelled right before, the share the attack turned wrong
 *                          (for a minimum-norm attack: turned wrong within eps)
 * @param meanLinf          mean L-infinity size of the perturbations (all images), {@code maxLinf} the largest
 * @param meanL2            mean L2 size of the perturbations, {@code maxL2} the largest
 * @param anySizeSuccessRate among the images labelled right before, the share labelled wrong after whatever the
 *                          perturbation's size (the attack success rate for a budgeted attack)
 * @param medianSuccessfulL2 the median L2 size of the perturbations that turned a right label wrong, whatever
 *                          their size (NaN when there is none): the figure of a minimum-norm attack
 * @param meanQueries       images the attack had the model predict, per attacked image (counted at the model)
 * @param meanGradients     input gradients the attack had the model compute, per attacked image
 * @param seconds           wall-clock time of the attack
 */
public record EvasionResult(String attack, int samples, double cleanAccuracy, double robustAccuracy, double attackSuccessRate,
                            double meanLinf, double maxLinf, double meanL2, double maxL2, double anySizeSuccessRate, double medianSuccessfulL2,
                            double meanQueries, double meanGradients, double seconds) {}
