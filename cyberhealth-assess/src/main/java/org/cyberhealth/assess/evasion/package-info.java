/**
 * Evasion attacks (test-time, the attacker perturbs the input): white-box gradient attacks first, FGSM
 * and PGD in L-infinity and L2, and their evaluation (clean and robust accuracy). Every attack works in
 * the model's natural input space (pixels in [0, 1]), stays within its budget and inside the valid range.
 */
package org.cyberhealth.assess.evasion;
