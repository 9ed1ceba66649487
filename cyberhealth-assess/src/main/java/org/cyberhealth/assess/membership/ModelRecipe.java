package org.cyberhealth.assess.membership;

import org.cyberhealth.ml.data.Dataset;

/**
 * How the target was trained, as far as the attacker knows it: the membership experiment trains the
 * target and every shadow model with the same recipe, on different subsets of one population.
 */
@FunctionalInterface
public interface ModelRecipe {

    /**
     * Trains a model on {@code members} with {@code seed} (initial weights, batch order) and returns its
     * class probabilities for every sample of {@code queries} (one row per sample, in order).
     */
    float[][] trainAndQuery(Dataset members, Dataset queries, long seed);
}
