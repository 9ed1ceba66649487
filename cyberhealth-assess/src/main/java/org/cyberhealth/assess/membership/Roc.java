package org.cyberhealth.assess.membership;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The ROC curve of a membership score against the truth, with the figures LiRA argues for (Carlini et
 * al. 2022, section III): the area under the curve, and the true-positive rate at a low false-positive
 * rate, where an attack is useful against individual patients.
 *
 * <p>A threshold t calls a sample a member when its score is at least t. The curve's points are the
 * (FPR, TPR) pairs of every distinct score taken as t, from the highest down, after the point (0, 0);
 * tied scores move together (one diagonal step), since no threshold separates them. The AUC is the
 * trapezoidal area under these points, which equals the probability that a random member scores above
 * a random non-member, ties counting one half (the Mann-Whitney statistic).
 *
 * <p>{@link #tprAt} is exact and not interpolated: the highest TPR among the thresholds whose FPR is at
 * most the asked rate. With m non-members the achievable FPRs are multiples of 1/m, so below 1/m it is
 * the TPR at zero false positives.
 */
public final class Roc {

    private final double[] fpr;
    private final double[] tpr;
    private final int members;
    private final int nonMembers;

    private Roc(double[] fpr, double[] tpr, int members, int nonMembers) {
        this.fpr = fpr;
        this.tpr = tpr;
        this.members = members;
        this.nonMembers = nonMembers;
    }

    /** The curve of {@code scores} (higher: more likely a member) against {@code members}. */
    public static Roc of(double[] scores, boolean[] members) {
        if (scores.length != members.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + members.length + " truths");
        }
        int positives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            positives += members[i] ? 1 : 0;
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a ROC curve needs members and non-members");
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double[] fpr = new double[scores.length + 1];
        double[] tpr = new double[scores.length + 1];
        int points = 1;
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (members[order[k]]) {
                tp++;
            } else {
                fp++;
            }
            if (k == order.length - 1 || scores[order[k + 1]] != scores[order[k]]) {
                fpr[points] = (double) fp / negatives;
                tpr[points] = (double) tp / positives;
                points++;
            }
        }
        return new Roc(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points), positives, negatives);
    }

    /** False-positive rates of the curve's points, from (0, 0) to (1, 1). */
    public double[] fpr() {
        return fpr.clone();
    }

    /** True-positive rates of the curve's points. */
    public double[] tpr() {
        return tpr.clone();
    }

    public int members() {
        return members;
    }

    public int nonMembers() {
        return nonMembers;
    }

    public double auc() {
        double area = 0;
        for (int k = 1; k < fpr.length; k++) {
            area += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2;
        }
        return area;
    }

    /** The highest TPR of a threshold whose FPR is at most {@code rate} (no interpolation). */
    public double tprAt(double rate) {
        double best = 0;
        for (int k = 0; k < fpr.length && fpr[k] <= rate; k++) {
            best = tpr[k];
        }
        return best;
    }

    /** The balanced accuracy of the best threshold, max over t of (TPR + 1 - FPR) / 2, as Carlini et al. also report. */
    public double bestBalancedAccuracy() {
        double best = 0.5;
        for (int k = 0; k < fpr.length; k++) {
            best = Math.max(best, (tpr[k] + 1 - fpr[k]) / 2);
        }
        return best;
    }
}
