/**
 * Membership inference (the attacker learns whether a patient's record was in the training set): the
 * loss threshold (Yeom et al. 2018), shadow models with a learnt attack model (Shokri et al. 2017) and
 * the likelihood-ratio attack LiRA, online and offline (Carlini et al. 2022), all scored by the ROC
 * curve with the true-positive rate at low false-positive rates, as LiRA argues. Attacks see only the
 * target's class probabilities (black box) and the outputs of shadow models that the attacker trained
 * with the target's recipe; the experiment protocol ({@link org.cyberhealth.assess.membership.MembershipExperiment})
 * keeps the truth (who was a member) apart from what the attacks see.
 */
package org.cyberhealth.assess.membership;
