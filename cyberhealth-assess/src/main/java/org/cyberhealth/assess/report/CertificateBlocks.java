package org.cyberhealth.assess.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.assess.defence.CertifiedAccuracy;
import org.cyberhealth.assess.defence.RandomisedSmoothing;
import org.cyberhealth.core.report.Block;

/**
 * The randomised-smoothing part of the evasion section (Cohen, Rosenfeld, Kolter, ICML 2019): a guarantee
 * rather than an attack, so no adaptive attack is needed: the certified accuracy at each L2 radius is a
 * lower bound that no attacker within the radius can push below (with probability 1 - alpha per image).
 */
final class CertificateBlocks {

    static final double[] RADII = {0, 0.25, 0.5};
    /** At most this many images are certified (each costs n0 + n predictions). */
    static final int IMAGES = 100;
    private static final int N0 = 100;
    private static final int N = 1000;
    private static final double ALPHA = 0.001;

    private CertificateBlocks() {}

    static List<Block> certify(RandomisedSmoothing smoothing, String baseName, LabelledImages test, int count, long seed,
                               IntConsumer imagesDone) {
        LabelledImages images = test.spread(count);
        CertifiedAccuracy.Result r = CertifiedAccuracy.run(smoothing, images.images(), images.labels(), RADII, N0, N, ALPHA, seed, imagesDone);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < RADII.length; i++) {
            rows.add(List.of(String.format(Locale.ROOT, "%.2f", RADII[i]), EvasionSection.percent(r.accuracy()[i])));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph(String.format(Locale.ROOT, "Randomised smoothing (Cohen et al. 2019) answers with the class the "
                + "model (%s, trained on noisy images) gives most often under Gaussian noise of sigma %.2f, and proves, for each image, a "
                + "radius within which no change of the image can alter that answer. On %d test images (n0 = %d, n = %d samples, "
                + "failure probability %s per image): %s abstained, mean certified radius %.3f. An L2 radius of 0.5 allows, for "
                + "example, 12 grey levels on every one of 28 x 28 pixels.", baseName, smoothing.sigma(), images.size(), N0, N,
                java.math.BigDecimal.valueOf(ALPHA).toPlainString(), EvasionSection.percent(r.abstentionRate()), r.meanRadius())));
        blocks.add(new Block.Table("Certified accuracy of the smoothed model", List.of("L2 radius", "certified accuracy"), rows));
        return blocks;
    }
}
