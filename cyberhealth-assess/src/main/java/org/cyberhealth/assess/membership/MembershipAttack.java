package org.cyberhealth.assess.membership;

/** A membership-inference attack: one score per sample of the population, higher meaning "more likely a member". */
public interface MembershipAttack {

    /** A short name for tables and charts. */
    String name();

    /** The membership score of every sample of {@code seen}, in order. */
    double[] scores(Observations seen);
}
