package org.cyberhealth.assess.extraction;

/**
 * One copy measured on the victim's test images: {@code queries} images sent to the victim (counted at the
 * victim), {@code fidelity} the share of test images on which copy and victim give the same label,
 * {@code accuracy} the copy's share of true labels, {@code victimAccuracy} the victim's, for reference;
 * {@code agreementBaseline} the fidelity of a constant copy answering the victim's most frequent label.
 */
public record ExtractionResult(String attack, long queries, double fidelity, double accuracy, double victimAccuracy,
                               double agreementBaseline, double seconds) {}
