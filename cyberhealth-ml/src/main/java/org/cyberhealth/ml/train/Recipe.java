package org.cyberhealth.ml.train;

import java.util.List;

/**
 * Everything that decides a trained model: the layers, the optimiser's settings and the seed (which
 * fixes the initial weights and the order of the batches), and how inputs are standardised.
 *
 * @param perFeature standardise each feature by its own mean and deviation (tables); otherwise one mean
 *                   and one deviation for all values (pixels)
 */
public record Recipe(String name, List<LayerSpec> layers, int epochs, int batchSize, double learningRate,
                     double weightDecay, long seed, boolean perFeature) {

    public Recipe {
        layers = List.copyOf(layers);
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("epochs, batch size and learning rate must be positive");
        }
    }

    public Recipe withEpochs(int newEpochs) {
        return new Recipe(name, layers, newEpochs, batchSize, learningRate, weightDecay, seed, perFeature);
    }

    public Recipe withSeed(long newSeed) {
        return new Recipe(name, layers, epochs, batchSize, learningRate, weightDecay, newSeed, perFeature);
    }
}
