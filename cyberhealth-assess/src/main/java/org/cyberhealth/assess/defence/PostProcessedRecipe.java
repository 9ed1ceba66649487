package org.cyberhealth.assess.defence;

import org.cyberhealth.assess.membership.ModelRecipe;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.ClassifierTraining;

/**
 * A recipe whose models answer through an {@link OutputPostProcessing}: membership inference against a defended service.
 * The shadow models answer through the same processing, since an attacker calibrates its shadows on the answers it will
 * judge (Carlini et al. 2022 fit LiRA's Gaussians to the statistic the target releases).
 */
public record PostProcessedRecipe(ModelRecipe recipe, OutputPostProcessing processing) implements ModelRecipe {

    @Override
    public float[][] trainAndQuery(Dataset members, Dataset queries, long seed) {
        float[][] p = recipe.trainAndQuery(members, queries, seed);
        float[][] out = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = processing.apply(p[i], ClassifierTraining.toFloats(queries.features()[i]));
        }
        return out;
    }
}
