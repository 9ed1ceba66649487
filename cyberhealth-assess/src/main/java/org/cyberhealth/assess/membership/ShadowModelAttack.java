package org.cyberhealth.assess.membership;

/**
 * The shadow-model attack of Shokri, Stronati, Song, Shmatikov ("Membership Inference Attacks Against
 * Machine Learning Models", IEEE S&P 2017): shadow models trained like the target on data of the same
 * distribution, whose training sets the attacker knows, label their own outputs IN or OUT; an attack
 * model per class learns from those labelled outputs to tell members, and is then applied to the
 * target's output.
 *
 * <p>Our attack model, per class, is a logistic regression on one feature, the logit-scaled confidence
 * of the true class ({@link Confidence#phi}), rather than the paper's neural network on the whole
 * probability vector: for two classes (our reference models) the true class's probability determines
 * the vector, so nothing is lost there, and a two-parameter model cannot overfit the shadows' outputs.
 * With more classes the rest of the vector is ignored. The score is the fitted log-odds of membership,
 * so the classes' thresholds, learnt from the shadows, put samples of different classes on one scale.
 */
public final class ShadowModelAttack implements MembershipAttack {

    @Override
    public String name() {
        return "shadow models";
    }

    @Override
    public double[] scores(Observations seen) {
        int classes = seen.classes();
        LogisticRegression[] perClass = new LogisticRegression[classes];
        for (int c = 0; c < classes; c++) {
            if (contains(seen.labels(), c)) {
                perClass[c] = fitClass(seen, c);
            }
        }
        double[] scores = new double[seen.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = perClass[seen.labels()[i]].logOdds(Confidence.phi(seen.target()[i], seen.labels()[i]));
        }
        return scores;
    }

    private static LogisticRegression fitClass(Observations seen, int c) {
        int count = 0;
        for (int label : seen.labels()) {
            count += label == c ? seen.shadowCount() : 0;
        }
        double[] x = new double[count];
        boolean[] in = new boolean[count];
        int k = 0;
        for (int s = 0; s < seen.shadowCount(); s++) {
            for (int i = 0; i < seen.size(); i++) {
                if (seen.labels()[i] == c) {
                    x[k] = Confidence.phi(seen.shadows()[s][i], c);
                    in[k++] = seen.shadowIn()[s][i];
                }
            }
        }
        try {
            return LogisticRegression.fit(x, in);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("class " + c + ": " + e.getMessage(), e);
        }
    }

    private static boolean contains(int[] labels, int c) {
        for (int label : labels) {
            if (label == c) {
                return true;
            }
        }
        return false;
    }
}
