package org.cyberhealth.tabular.lossless;

import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Hkdf;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.IssuerKey.Purpose;

/**
 * The secret that splits one table's tuples into groups and sub-groups (Franco-Contreras et al.'s K_S).
 * It is derived from the issuer's table-marking key under its own label, so that a lossless mark and a
 * Li-Swarup-Jajodia mark on the same table use unrelated groupings and neither key reveals the other.
 * {@link #toString()} shows nothing secret.
 */
public final class LosslessKey {

    private static final int MINIMUM_LENGTH = 16;

    private final byte[] secret;

    private LosslessKey(byte[] secret) {
        this.secret = secret;
    }

    public static LosslessKey of(IssuerKey issuer, String table) {
        return new LosslessKey(Hkdf.derive(issuer.derive(Purpose.TABLE_MARKS), "lossless-circular-histogram:" + table, 32));
    }

    /** For tests and benchmarks: a key from raw bytes (at least 16). */
    public static LosslessKey fromSecret(byte[] secret) {
        if (secret.length < MINIMUM_LENGTH) {
            throw new BadInputException("a lossless marking key needs at least " + MINIMUM_LENGTH + " secret bytes");
        }
        return new LosslessKey(secret.clone());
    }

    byte[] secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "LosslessKey[secret hidden]";
    }
}
