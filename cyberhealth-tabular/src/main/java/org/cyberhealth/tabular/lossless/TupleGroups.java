package org.cyberhealth.tabular.lossless;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.cyberhealth.core.crypto.HmacSha256;

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
    private final int[] keyColumns;
    private final byte[] digest = new byte[32];
    private final ByteBuffer digestWords = ByteBuffer.wrap(digest);
    private final ByteBuffer lengths = ByteBuffer.allocate(4);

    private int group;
    private int side;

    TupleGroups(LosslessKey key, int groups, int[] keyColumns) {
        mac = new HmacSha256(key.secret());
        this.groups = groups;
        this.keyColumns = keyColumns.clone();
    }

    /**
     * Places the row. Each key cell enters the hash as its length and its UTF-8 bytes (trimmed, since a
     * leaker re-exporting the table may pad them; -1 for NULL), so no two different keys hash alike.
     */
    void place(String[] row) {
        for (int column : keyColumns) {
            String cell = row[column];
            byte[] bytes = cell == null ? new byte[0] : cell.strip().getBytes(StandardCharsets.UTF_8);
            lengths.clear();
            lengths.putInt(cell == null ? -1 : bytes.length);
            mac.update(lengths.array());
            mac.update(bytes);
        }
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
