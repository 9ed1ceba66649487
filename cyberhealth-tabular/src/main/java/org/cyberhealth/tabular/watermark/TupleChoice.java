package org.cyberhealth.tabular.watermark;

import java.nio.ByteBuffer;
import org.cyberhealth.core.crypto.HmacSha256;

/**
 * The keyed choices Li, Swarup and Jajodia make for each tuple from a pseudo-random sequence seeded by
 * the secret key and the tuple's key: whether it is marked (one in gamma), which attribute, which bit
 * position, the mask bit and the message bit it carries. We draw them from HMAC-SHA256(K, key), so only
 * the key holder can tell which cells carry marks. One instance per thread.
 */
final class TupleChoice {

    private final HmacSha256 mac;
    private final int gamma;
    private final int attributes;
    private final int messageLength;
    private final byte[] digest = new byte[32];
    private final ByteBuffer words = ByteBuffer.wrap(digest);

    private boolean selected;
    private int attribute;
    private long positionWord;
    private int mask;
    private int messageIndex;

    TupleChoice(MarkingKey key, int gamma, int attributes, int messageLength) {
        mac = key.keyedHash();
        this.gamma = gamma;
        this.attributes = attributes;
        this.messageLength = messageLength;
    }

    /** Draws the choices for the tuple whose key encodes to {@code key}. */
    void draw(byte[] key) {
        mac.update(key);
        mac.doFinal(digest);
        long u1 = words.getLong(0);
        long u2 = words.getLong(8);
        long u3 = words.getLong(16);
        long u4 = words.getLong(24);
        selected = Long.remainderUnsigned(u1, gamma) == 0;
        attribute = (int) Long.remainderUnsigned(u2, attributes);
        positionWord = u3;
        mask = (int) (u4 & 1);
        messageIndex = (int) Long.remainderUnsigned(u4 >>> 1, messageLength);
    }

    boolean selected() {
        return selected;
    }

    int attribute() {
        return attribute;
    }

    /** The bit position among the attribute's {@code positions} low-order bits. */
    int position(int positions) {
        return (int) Long.remainderUnsigned(positionWord, positions);
    }

    int mask() {
        return mask;
    }

    int messageIndex() {
        return messageIndex;
    }
}
