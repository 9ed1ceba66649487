package org.cyberhealth.assess.membership;

/**
 * The loss-threshold attack of Yeom, Giacomelli, Fredrikson, Jha ("Privacy Risk in Machine Learning:
 * Analyzing the Connection to Overfitting", IEEE CSF 2018): a sample whose loss under the target is
 * low was probably trained on. The score is the negated cross-entropy loss of the true label; sweeping
 * the threshold over all scores gives the ROC curve. It needs no shadow model; its weakness, which LiRA
 * addresses, is one threshold for all samples, although some are easy (low loss whether trained on
 * or not) and some hard.
 */
public final class LossThreshold implements MembershipAttack {

    @Override
    public String name() {
        return "loss threshold";
    }

    @Override
    public double[] scores(Observations seen) {
        double[] scores = new double[seen.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -Confidence.loss(seen.target()[i], seen.labels()[i]);
        }
        return scores;
    }
}
