package org.cyberhealth.assess.provenance;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cyberhealth.ml.model.TrainingHook;

/**
 * What someone holding a marked model may do to it, innocently or to remove the mark, as Uchida et al. (ICMR 2017) and
 * Adi et al. (USENIX Security 2018) test their marks: fine-tuning on clean data, pruning of the smallest weights,
 * weight quantisation, and re-training the last layer from scratch. The weight-level attacks act on every weight
 * tensor (biases are left as they are, as is usual); the training ones are hooks for the ml training loop.
 */
public final class ModelAttacks {

    private ModelAttacks() {}

    /** Each weight tensor with its {@code fraction} smallest values (by magnitude) set to zero (Uchida et al.'s pruning). */
    public static NetworkWeights prune(NetworkWeights weights, double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("the pruned fraction must lie in [0, 1)");
        }
        NetworkWeights out = weights;
        for (String name : weights.weightNames()) {
            float[] w = weights.get(name);
            float[] magnitudes = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                magnitudes[i] = Math.abs(w[i]);
            }
            Arrays.sort(magnitudes);
            int cut = (int) Math.floor(fraction * w.length);
            if (cut == 0) {
                continue;
            }
            float threshold = magnitudes[cut - 1];
            int zeroed = 0;
            for (int i = 0; i < w.length; i++) {
                if (Math.abs(w[i]) < threshold) {
                    w[i] = 0;
                    zeroed++;
                }
            }
            // Ties at the threshold are zeroed only up to the count asked for, so the fraction is exact.
            for (int i = 0; i < w.length && zeroed < cut; i++) {
                if (Math.abs(w[i]) == threshold) {
                    w[i] = 0;
                    zeroed++;
                }
            }
            out = out.with(name, w);
        }
        return out;
    }

    /** Each weight tensor rounded to {@code bits}-bit uniform levels between its minimum and maximum (per tensor). */
    public static NetworkWeights quantise(NetworkWeights weights, int bits) {
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("1 to 16 bits");
        }
        NetworkWeights out = weights;
        int levels = (1 << bits) - 1;
        for (String name : weights.weightNames()) {
            float[] w = weights.get(name);
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : w) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double step = (max - min) / levels;
            if (step > 0) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (min + Math.rint((w[i] - min) / step) * step);
                }
            }
            out = out.with(name, w);
        }
        return out;
    }

    /** Training that starts from {@code start} (every layer trainable): fine-tuning, when run on clean data. */
    public static TrainingHook fineTuning(NetworkWeights start) {
        return new TrainingHook() {
            @Override
            public void prepare(Block block) {
                start.copyInto(block);
            }

            @Override
            public String describe() {
                return "fine-tuning of a trained network";
            }
        };
    }

    /**
     * Training of the last layer only, from a fresh initialisation (the recipe's seed), every other layer kept from
     * {@code start} and frozen: what a user who re-purposes the network's features does, and transfer learning.
     */
    public static TrainingHook lastLayerRetraining(NetworkWeights start) {
        return new TrainingHook() {
            @Override
            public void prepare(Block block) {
                List<Block> layers = block.getChildren().values();
                Block last = layers.get(layers.size() - 1);
                Set<Parameter> fresh = new HashSet<>();
                for (Pair<String, Parameter> p : last.getParameters()) {
                    fresh.add(p.getValue());
                }
                NetworkWeights kept = start;
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (fresh.contains(p.getValue())) {
                        kept = kept.with(p.getKey(), p.getValue().getArray().toFloatArray());
                    }
                }
                kept.copyInto(block);
                block.freezeParameters(true, p -> !fresh.contains(p));
            }

            @Override
            public String describe() {
                return "re-training of the last layer from scratch, other layers frozen";
            }
        };
    }
}
