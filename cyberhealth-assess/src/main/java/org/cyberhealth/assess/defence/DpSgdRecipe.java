package org.cyberhealth.assess.defence;

import java.util.Locale;
import org.cyberhealth.assess.membership.ModelRecipe;
import org.cyberhealth.assess.membership.ReferenceRecipe;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DjlClassifier;
import org.cyberhealth.ml.model.DpSgd;
import org.cyberhealth.ml.model.DpSgdTraining;
import org.cyberhealth.ml.model.ReferenceClassifier;

/**
 * A reference classifier's layout trained with DP-SGD at a target (epsilon, delta): for every training set, the noise
 * multiplier is calibrated by {@link RdpAccountant} to its size, so the target and each shadow model of a membership
 * experiment (trained on halves of one population) carry the same guarantee. The membership counterpart of
 * {@link ReferenceRecipe}: the same layout, the same query.
 */
public record DpSgdRecipe(ReferenceClassifier reference, DpSgd settings, double targetEpsilon, double delta) implements ModelRecipe {

    public DpSgdRecipe {
        if (!(targetEpsilon > 0) || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("a target epsilon > 0 and 0 < delta < 1");
        }
    }

    /** The settings for {@code n} training records: the noise multiplier that reaches the target. */
    public DpSgd settingsFor(int n) {
        return RdpAccountant.calibrate(settings, n, delta, targetEpsilon);
    }

    @Override
    public float[][] trainAndQuery(Dataset members, Dataset queries, long seed) {
        ClassifierTraining.Fitted fitted = DpSgdTraining.fit(reference, members, settingsFor(members.size()), seed, epoch -> {});
        try (DjlClassifier model = fitted.load(reference, members.classes())) {
            return ReferenceRecipe.query(model, queries);
        }
    }

    public String describe(int n) {
        DpSgd chosen = settingsFor(n);
        return String.format(Locale.ROOT, "%s, %s, %d steps on %d images: (%.3g, %.0e)-DP", reference.architecture(), chosen.describe(),
                chosen.steps(n), n, RdpAccountant.epsilon(chosen, n, delta).epsilon(), delta);
    }
}
