package org.cyberhealth.tabular.lossless;

import java.nio.ByteBuffer;
import org.cyberhealth.core.crypto.HmacSha256;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.cyberhealth.tabular.watermark.RowKeys;

/**
 * The secret partition of the tuples: the paper puts tuple {@code t} in group
 * {@code H(K_S | H(K_S | t.PK)) mod N_g} and then in one of the group's two sub-groups A and B. We draw
 * both from one HMAC-SHA256 of the key cells under K_S (a keyed hash is what the nested hash emulates),
 * so a tuple's place depends only on its key: rows may be deleted, added or reordered and every
 * surviving tuple stays in its group. Rows that share a key share a group and a sub-group. One instance
 * per thread.
 */
final class TupleGroups {

    private final HmacSha256 mac;
    private final int groups;
    private final RowKeys keys;
    private final byte[] digest = new byte[32];
    private final ByteBuffer digestWords = ByteBuffer.wrap(digest);

    private int group;
    private int side;

    TupleGroups(MarkingKey key, int groups, int[] keyColumns) {
        mac = key.keyedHash();
        this.groups = groups;
        keys = new RowKeys(keyColumns);
    }

    /** Places the row, by its key cells (encoded as for the watermark, {@link RowKeys}). */
    void place(String[] row) {
        mac.update(keys.encode(row));
        mac.doFinal(digest);
        group = (int) Long.remainderUnsigned(digestWords.getLong(0), groups);
        side = digest[8] & 1;
    }

    /** The group of the row last placed. */
    int group() {
        return group;
    }

    /** The row's sub-group: 0 for A, 1 for B. */
    int subgroup() {
        return side;
    }

    /** How a value of sub-group {@code subgroup} turns when its group turns by {@code direction}. */
    static int turnOf(int subgroup, int direction) {
        return subgroup == 0 ? direction : -direction;
    }
}
