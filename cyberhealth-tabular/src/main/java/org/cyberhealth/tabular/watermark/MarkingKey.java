package org.cyberhealth.tabular.watermark;

import java.util.BitSet;
import org.cyberhealth.core.crypto.Hkdf;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.IssuerKey.Purpose;

/**
 * The secret that places one table's marks, derived from the issuer key and the table's name, so that
 * the marks of two tables are independent and neither reveals the issuer key. It also yields the owner
 * mark: bits that every copy of the table carries whoever received it. {@link #toString()} shows nothing
 * secret.
 */
public final class MarkingKey {

    private final byte[] secret;

    private MarkingKey(byte[] secret) {
        this.secret = secret;
    }

    public static MarkingKey of(IssuerKey issuer, String table) {
        return new MarkingKey(Hkdf.derive(issuer.derive(Purpose.TABLE_MARKS), "table:" + table, 32));
    }

    /** For tests and benchmarks: a key from raw bytes. */
    public static MarkingKey fromSecret(byte[] secret) {
        return new MarkingKey(secret.clone());
    }

    byte[] secret() {
        return secret;
    }

    /** The owner mark: {@code length} pseudo-random bits only the key holder can compute. */
    public BitSet ownerBits(int length) {
        return BitSet.valueOf(Hkdf.derive(secret, "owner-mark", (length + 7) / 8)).get(0, length);
    }

    @Override
    public String toString() {
        return "MarkingKey[secret hidden]";
    }
}
