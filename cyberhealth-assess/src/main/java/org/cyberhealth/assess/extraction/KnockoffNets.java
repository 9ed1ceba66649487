package org.cyberhealth.assess.extraction;

import java.util.SplittableRandom;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.DjlClassifier;

/**
 * Knockoff Nets (Orekondy, Schiele, Fritz, "Knockoff Nets: Stealing Functionality of Black-Box Models",
 * CVPR 2019), random strategy: the attacker queries the victim with natural images drawn at random from a
 * distribution of its own (not the victim's training data) and trains a copy on the victim's probability
 * vectors. Our pool is small (BreastMNIST: 780 ultrasound images against a chest X-ray victim), so the first
 * pass sends each pool image once in a random order, and every later query is a randomly drawn pool image
 * after the attacker's {@link Augmentation}.
 */
public final class KnockoffNets implements ExtractionAttack {

    private static final int BATCH = 256;

    private final float[][] pool;
    private final Augmentation augmentation;

    public KnockoffNets(float[][] pool, Augmentation augmentation) {
        if (pool.length == 0) {
            throw new IllegalArgumentException("the attacker needs at least one natural image");
        }
        this.pool = pool.clone();
        this.augmentation = augmentation;
    }

    @Override
    public String name() {
        return "knockoff";
    }

    @Override
    public String describe() {
        return "Knockoff Nets, random strategy: " + pool.length + " natural images from another distribution, then " + augmentation.describe();
    }

    /** The first {@code budget} query images of the stream that {@code seed} draws (a longer budget extends a shorter one). */
    public float[][] queries(Classifier victim, int budget, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[pool.length];
        for (int i = 0; i < order.length; i++) {
            int j = random.nextInt(i + 1);
            order[i] = order[j];
            order[j] = i;
        }
        float[][] images = new float[budget][];
        for (int q = 0; q < budget; q++) {
            images[q] = q < pool.length ? pool[order[q]].clone()
                    : augmentation.apply(pool[random.nextInt(pool.length)], victim.input(), random);
        }
        return images;
    }

    @Override
    public DjlClassifier steal(Classifier victim, int budget, CopyTrainer trainer, long seed) {
        float[][] images = queries(victim, budget, seed);
        float[][] answers = new float[budget][];
        for (int start = 0; start < budget; start += BATCH) {
            int end = Math.min(budget, start + BATCH);
            float[][] batch = new float[end - start][];
            System.arraycopy(images, start, batch, 0, batch.length);
            System.arraycopy(victim.predict(batch), 0, answers, start, batch.length);
        }
        return trainer.train(images, answers, seed);
    }
}
