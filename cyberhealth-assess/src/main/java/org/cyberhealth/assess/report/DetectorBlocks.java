package org.cyberhealth.assess.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.defence.BitDepthReduction;
import org.cyberhealth.assess.defence.DetectionEvaluation;
import org.cyberhealth.assess.defence.MedianSmoothing;
import org.cyberhealth.assess.defence.Preprocessor;
import org.cyberhealth.assess.defence.SqueezeAwareClassifier;
import org.cyberhealth.assess.defence.SqueezingDetector;
import org.cyberhealth.assess.evasion.Norm;
import org.cyberhealth.assess.evasion.Pgd;
import org.cyberhealth.core.report.Block;
import org.cyberhealth.ml.model.WhiteBoxClassifier;

/**
 * The adversarial-input detector part of the evasion section: feature squeezing as a detector (Xu, Evans,
 * Qi, NDSS 2018), calibrated at 5% false positives on clean training images, against PGD naive and
 * adaptive (the summed loss of the raw and squeezed predictions, so all go wrong together; He et al. 2017).
 */
final class DetectorBlocks {

    private static final double FALSE_POSITIVES = 0.05;
    private static final double[] EPS = {2 / 255.0, 8 / 255.0};
    private static final String[] LABELS = {"2/255", "8/255"};
    private static final int STEPS = 20;
    private static final int CALIBRATION = 200;

    private DetectorBlocks() {}

    static List<Block> detect(WhiteBoxClassifier model, LabelledImages train, LabelledImages images, long seed) {
        List<Preprocessor> squeezers = List.of(new BitDepthReduction(4), new MedianSmoothing(2));
        SqueezingDetector detector = SqueezingDetector.calibrate(model, squeezers, train.spread(CALIBRATION).images(), FALSE_POSITIVES);
        List<List<String>> rows = new ArrayList<>();
        for (int e = 0; e < EPS.length; e++) {
            Pgd pgd = Pgd.of(Norm.LINF, EPS[e], STEPS, 1, seed);
            for (boolean adaptive : new boolean[] {false, true}) {
                DetectionEvaluation.Result r = DetectionEvaluation.run(model, detector, pgd,
                        adaptive ? new SqueezeAwareClassifier(model, squeezers) : model, images.images(), images.labels());
                rows.add(List.of(LABELS[e], adaptive ? "adaptive" : "naive", EvasionSection.percent(r.falsePositiveRate()),
                        EvasionSection.percent(r.detectionRate()), EvasionSection.percent(r.evadedRate())));
            }
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(String.format(Locale.ROOT, "A detector flags an input when the model's answer moves much once the "
                + "image is squeezed (%s; Xu et al. 2018), with its threshold set for %s false alarms on %d clean training images. An "
                + "attacker who knows it attacks the raw and squeezed answers together (adaptive, He et al. 2017).", detector.describe(),
                EvasionSection.percent(FALSE_POSITIVES), Math.min(CALIBRATION, train.size()))));
        blocks.add(new Block.Table("Adversarial-input detector against PGD-" + STEPS, List.of("budget (L-inf)", "attack", "false alarms on clean",
                "attacks detected", "attacks that fool the model unnoticed"), rows));
        return blocks;
    }
}
