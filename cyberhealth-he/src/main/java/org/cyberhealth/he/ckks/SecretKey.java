package org.cyberhealth.he.ckks;

import org.cyberhealth.he.ring.RnsPoly;

/** The secret s, in NTT form over every prime (chain and special). {@link #toString()} shows nothing. */
public final class SecretKey {

    private final RnsPoly s;

    SecretKey(RnsPoly s) {
        this.s = s;
    }

    RnsPoly poly() {
        return s;
    }

    @Override
    public String toString() {
        return "SecretKey[hidden]";
    }
}
