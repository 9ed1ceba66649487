/**
 * Evasion attacks on segmentation models: PGD on the pixel loss, untargeted (lower the Dice) or targeted
 * (erase an organ, inject one), and their evaluation by Dice and target success.
 */
package org.cyberhealth.assess.evasion.segmentation;
