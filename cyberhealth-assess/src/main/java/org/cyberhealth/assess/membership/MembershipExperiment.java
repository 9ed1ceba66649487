package org.cyberhealth.assess.membership;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.cyberhealth.ml.data.Dataset;

/**
 * The membership-inference game of LiRA (Carlini, Chien, Nasr, Song, Terzis, Tramer, "Membership
 * Inference Attacks From First Principles", IEEE S&P 2022, section V.A): one population of labelled
 * samples; the target is trained on a random half of it (the members) and the rest are non-members;
 * the attacker trains {@code shadows} models with the same recipe on random halves of the same
 * population, every sample in exactly half of them (so each has as many IN as OUT observations), and
 * every attack scores every sample of the population.
 *
 * <p>Seeds: one seed draws the target's half, the shadows' halves and each model's training seed, so
 * an experiment repeats exactly on a given machine (the engine runs on one thread).
 */
public final class MembershipExperiment {

    private MembershipExperiment() {}

    /**
     * What an experiment produced: what the attacker sees, the truth kept apart from it, and how much
     * the target overfits (its accuracy on its members and on the non-members).
     */
    public record Outcome(Observations seen, boolean[] members, double trainAccuracy, double testAccuracy) {

        /** The ROC curve of {@code attack}'s scores against the truth. */
        public Roc roc(MembershipAttack attack) {
            return Roc.of(attack.scores(seen), members);
        }

        public int memberCount() {
            int n = 0;
            for (boolean m : members) {
                n += m ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * Runs the game on {@code population}; {@code modelsTrained} hears the count of trained models (the
     * target first, then each shadow). {@code shadows} must be 0 (loss attack only) or even.
     */
    public static Outcome run(Dataset population, ModelRecipe recipe, int shadows, long seed, IntConsumer modelsTrained) {
        if (!population.isClassification() || population.size() < 4) {
            throw new IllegalArgumentException("membership inference needs at least 4 labelled samples");
        }
        if (shadows < 0 || shadows % 2 != 0) {
            throw new IllegalArgumentException("the number of shadow models must be even (each sample in half of them), got " + shadows);
        }
        Random random = new Random(seed);
        int n = population.size();
        boolean[] members = half(n, random);
        float[][] target = recipe.trainAndQuery(population.select(positions(members, true), "members"), population, random.nextInt());
        modelsTrained.accept(1);
        boolean[][] shadowIn = shadowHalves(n, shadows, random);
        float[][][] shadowOutputs = new float[shadows][][];
        for (int s = 0; s < shadows; s++) {
            shadowOutputs[s] = recipe.trainAndQuery(population.select(positions(shadowIn[s], true), "shadow " + s), population, random.nextInt());
            modelsTrained.accept(s + 2);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (int) population.targets()[i];
        }
        return new Outcome(new Observations(labels, target, shadowOutputs, shadowIn), members,
                accuracy(target, labels, members, true), accuracy(target, labels, members, false));
    }

    /**
     * The population of an experiment on a labelled archive: its parts one after the other (e.g. a
     * MedMNIST train and test part), thinned to {@code limit} samples evenly spaced through them, so a
     * smaller population keeps the mix of parts and classes where the parts are sorted by class.
     */
    public static Dataset population(List<Dataset> parts, int limit, String name) {
        Dataset all = parts.get(0);
        for (int p = 1; p < parts.size(); p++) {
            all = all.concat(parts.get(p), name);
        }
        int n = Math.min(limit, all.size());
        int size = all.size();
        return all.select(IntStream.range(0, n).map(i -> (int) ((long) i * size / n)).toArray(), "population");
    }

    /** Exactly half of the samples (rounded down), drawn uniformly. */
    static boolean[] half(int n, Random random) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, random);
        boolean[] in = new boolean[n];
        for (int i = 0; i < n / 2; i++) {
            in[order.get(i)] = true;
        }
        return in;
    }

    /** For each sample, a uniform choice of half of the shadows to train on it: {@code in[shadow][sample]}. */
    private static boolean[][] shadowHalves(int n, int shadows, Random random) {
        boolean[][] in = new boolean[shadows][n];
        List<Integer> order = new ArrayList<>(IntStream.range(0, shadows).boxed().toList());
        for (int i = 0; i < n; i++) {
            Collections.shuffle(order, random);
            for (int k = 0; k < shadows / 2; k++) {
                in[order.get(k)][i] = true;
            }
        }
        return in;
    }

    static int[] positions(boolean[] in, boolean wanted) {
        return IntStream.range(0, in.length).filter(i -> in[i] == wanted).toArray();
    }

    private static double accuracy(float[][] probabilities, int[] labels, boolean[] members, boolean wanted) {
        int right = 0;
        int total = 0;
        for (int i = 0; i < labels.length; i++) {
            if (members[i] != wanted) {
                continue;
            }
            total++;
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                best = probabilities[i][c] > probabilities[i][best] ? c : best;
            }
            right += best == labels[i] ? 1 : 0;
        }
        return (double) right / total;
    }
}
