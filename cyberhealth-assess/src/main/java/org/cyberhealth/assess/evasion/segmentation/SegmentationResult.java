package org.cyberhealth.assess.evasion.segmentation;

import org.cyberhealth.ml.model.SegmentationScores;

/**
 * What a segmentation attack did to a set of slices: Dice and IoU of the clean and the attacked predictions
 * against the truth; for targeted attacks, the target pixels (target class differs from the truth) and the
 * share of them predicted as intended before and after the attack, and the pixels predicted as the organ
 * before and after; the largest L-inf perturbation; the time.
 */
public record SegmentationResult(String attack, int samples, SegmentationScores clean, SegmentationScores attacked, long targetPixels,
                                 double cleanTargetSuccess, double targetSuccess, long organPixelsBefore, long organPixelsAfter,
                                 double maxLinf, double seconds) {

    /** Foreground mean Dice lost to the attack. */
    public double diceDrop() {
        return clean.meanDice() - attacked.meanDice();
    }

    /** Share of the pixels predicted as the organ before the attack that are no longer (erase), NaN without any. */
    public double organRemoved() {
        return organPixelsBefore == 0 ? Double.NaN : 1 - Math.min(1.0, (double) organPixelsAfter / organPixelsBefore);
    }
}
