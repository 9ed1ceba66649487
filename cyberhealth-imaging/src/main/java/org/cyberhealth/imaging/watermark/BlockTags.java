package org.cyberhealth.imaging.watermark;

import java.nio.ByteBuffer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;

/**
 * The per-block authentication codes that localise tampering: HMAC-SHA256 under a key derived from the
 * issuer's secret, over the block's position, its samples and the slice of the bundle it carries,
 * truncated to 32 bits (a forged block passes with probability 2^-32).
 */
final class BlockTags {

    static final int BITS = 32;

    private final byte[] key;

    BlockTags(byte[] key) {
        this.key = key;
    }

    int tag(Raster raster, BlockGrid grid, int block, Bits slice) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            int x = grid.x(block);
            int y = grid.y(block);
            int w = grid.width(block);
            int h = grid.height(block);
            mac.update(ByteBuffer.allocate(20).putInt(block).putInt(x).putInt(y).putInt(w).putInt(h).array());
            ByteBuffer row = ByteBuffer.allocate(4 * w);
            int[] s = raster.samples();
            for (int r = y; r < y + h; r++) {
                row.clear();
                row.asIntBuffer().put(s, r * raster.width() + x, w);
                mac.update(row.array());
            }
            mac.update(ByteBuffer.allocate(4).putInt(slice.length()).array());
            mac.update(slice.toBytes());
            return ByteBuffer.wrap(mac.doFinal()).getInt();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
