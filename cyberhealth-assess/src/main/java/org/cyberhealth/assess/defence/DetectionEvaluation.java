package org.cyberhealth.assess.defence;

import org.cyberhealth.assess.evasion.EvasionAttack;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * A detector against an evasion attack, measured as Xu et al. (NDSS 2018) do: the share of clean images flagged (false
 * positives), and, among the images the model labels right and the attack turns wrong, the share flagged (the detection
 * rate). What the defended system loses is the images turned wrong and not flagged ({@code evadedRate}, of the images
 * right before).
 */
public final class DetectionEvaluation {

    private DetectionEvaluation() {}

    /** One run: {@code attacked} is what the attack computes gradients on (the bare model, or a detector-aware view of it). */
    public record Result(int samples, double cleanAccuracy, double falsePositiveRate, int turned, double detectionRate, double evadedRate,
                         double seconds) {}

    public static Result run(WhiteBoxClassifier model, SqueezingDetector detector, EvasionAttack attack, WhiteBoxClassifier attacked,
                             float[][] images, int[] labels) {
        long started = System.nanoTime();
        int[] clean = model.predictLabels(images);
        boolean[] cleanFlags = detector.flags(images);
        float[][] adversarial = attack.generate(attacked, images, labels);
        int[] after = model.predictLabels(adversarial);
        boolean[] flags = detector.flags(adversarial);
        int right = 0;
        int falsePositives = 0;
        int turned = 0;
        int detected = 0;
        for (int i = 0; i < images.length; i++) {
            falsePositives += cleanFlags[i] ? 1 : 0;
            if (clean[i] != labels[i]) {
                continue;
            }
            right++;
            if (after[i] != labels[i]) {
                turned++;
                detected += flags[i] ? 1 : 0;
            }
        }
        return new Result(images.length, (double) right / images.length, (double) falsePositives / images.length, turned,
                turned == 0 ? 0 : (double) detected / turned, right == 0 ? 0 : (double) (turned - detected) / right,
                (System.nanoTime() - started) / 1e9);
    }
}
