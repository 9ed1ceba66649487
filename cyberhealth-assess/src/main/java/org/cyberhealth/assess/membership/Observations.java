package org.cyberhealth.assess.membership;

/**
 * What a membership attacker sees for a population of samples: their true labels, the target's class
 * probabilities for each, and, for each shadow model it trained, that model's probabilities and whether
 * the sample was in that shadow's training set. Never whether a sample was in the target's.
 *
 * @param labels    the true class of each sample
 * @param target    the target's probabilities, {@code target[sample][class]}
 * @param shadows   the shadows' probabilities, {@code shadows[shadow][sample][class]} (none for the loss attack)
 * @param shadowIn  {@code shadowIn[shadow][sample]}: the sample was in that shadow's training set
 */
public record Observations(int[] labels, float[][] target, float[][][] shadows, boolean[][] shadowIn) {

    public Observations {
        if (target.length != labels.length || shadows.length != shadowIn.length) {
            throw new IllegalArgumentException("one target row per sample and one membership row per shadow");
        }
        for (int s = 0; s < shadows.length; s++) {
            if (shadows[s].length != labels.length || shadowIn[s].length != labels.length) {
                throw new IllegalArgumentException("shadow " + s + " must cover every sample");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int shadowCount() {
        return shadows.length;
    }

    public int classes() {
        return target.length == 0 ? 0 : target[0].length;
    }
}
