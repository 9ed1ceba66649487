package org.cyberhealth.assess.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.cyberhealth.assess.LabelledImages;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.DjlClassifier;

/**
 * Fidelity and accuracy of the copies an attack makes at several budgets (Orekondy et al. and Jagielski et
 * al., "High Accuracy and High Fidelity Extraction of Neural Networks", USENIX Security 2020, for the two
 * measures). Each budget is a fresh attack against a fresh query counter, so a copy's count is exactly what
 * it cost; the test images are the victim's, never queried by the attack.
 */
public final class ExtractionEvaluation {

    private ExtractionEvaluation() {}

    /** {@code answered} hears every batch the victim answers (a progress bar over queries). */
    public static List<ExtractionResult> run(Classifier victim, ExtractionAttack attack, int[] budgets, CopyTrainer trainer,
                                             LabelledImages test, long seed, IntConsumer answered) {
        int[] victimLabels = victim.predictLabels(test.images());
        double victimAccuracy = agreement(victimLabels, test.labels());
        double baseline = majorityShare(victimLabels, victim.classes().size());
        List<ExtractionResult> results = new ArrayList<>();
        for (int budget : budgets) {
            if (budget < 1) {
                throw new IllegalArgumentException("a budget is at least one query");
            }
            long started = System.nanoTime();
            CountingClassifier counted = new CountingClassifier(victim, answered);
            try (DjlClassifier copy = attack.steal(counted, budget, trainer, seed)) {
                int[] copyLabels = copy.predictLabels(test.images());
                results.add(new ExtractionResult(attack.name(), counted.queries(), agreement(copyLabels, victimLabels),
                        agreement(copyLabels, test.labels()), victimAccuracy, baseline, (System.nanoTime() - started) / 1e9));
            }
        }
        return results;
    }

    static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }

    static double majorityShare(int[] labels, int classes) {
        int[] counts = new int[classes];
        int most = 0;
        for (int label : labels) {
            most = Math.max(most, ++counts[label]);
        }
        return (double) most / labels.length;
    }
}
