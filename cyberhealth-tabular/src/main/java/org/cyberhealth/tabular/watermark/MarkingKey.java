package org.cyberhealth.tabular.watermark;

import java.util.BitSet;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Hkdf;
import org.cyberhealth.core.crypto.HmacSha256;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.IssuerKey.Purpose;

/**
 * The secret that places one table's marks, derived from the issuer key and the table's name, so that
 * the marks of two tables are independent and neither reveals the issuer key. It also yields the owner
 * mark: bits that every copy of the table carries whoever received it. {@link #toString()} shows nothing
 * secret.
 */
public final class MarkingKey {

    private static final int MINIMUM_LENGTH = 16;

    private final byte[] secret;

    private MarkingKey(byte[] secret) {
        this.secret = secret;
    }

    public static MarkingKey of(IssuerKey issuer, String table) {
        return new MarkingKey(Hkdf.derive(issuer.derive(Purpose.TABLE_MARKS), "table:" + table, 32));
    }

    /** For tests and benchmarks: a key from raw bytes (at least 16). */
    public static MarkingKey fromSecret(byte[] secret) {
        if (secret.length < MINIMUM_LENGTH) {
            throw new BadInputException("a table marking key needs at least " + MINIMUM_LENGTH + " secret bytes");
        }
        return new MarkingKey(secret.clone());
    }

    /**
     * An independent key for another scheme on the same table (the lossless scheme's grouping key), so
     * that two schemes never share a keyed choice and neither key reveals the other.
     */
    public MarkingKey forScheme(String scheme) {
        return new MarkingKey(Hkdf.derive(secret, "scheme:" + scheme, 32));
    }

    /** A keyed hash under this key, for drawing keyed choices; the secret itself never leaves this class. */
    public HmacSha256 keyedHash() {
        return new HmacSha256(secret);
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
