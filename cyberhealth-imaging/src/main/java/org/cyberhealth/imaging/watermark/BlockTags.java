package org.cyberhealth.imaging.watermark;

import java.nio.ByteBuffer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;

/**
 * The per-block authentication codes that localise tampering: HMAC-SHA256 under a key derived from the
 * issuer's secret, over the block's position, its samples and the slice of the bundle it carries (from
 * container version 3, over the block's digest, which holds its position and samples, and the slice),
 * truncated to 24 bits: a changed block goes unnoticed with probability 2^-24. The tags only locate
 * changes; whether anything changed at all is decided by the Ed25519 seal over the whole image, so a
 * short tag keeps the cost of localisation low (24 bits per 32x32 block is 0.023 bits per sample)
 * without weakening the verdict.
 */
final class BlockTags {

    static final int BITS = 24;

    /** Initialised once; each tag works on a clone, which is much cheaper than a new instance, and thread-safe. */
    private final Mac prototype;
    private final byte[] key;
    private final int version;

    /** Tags of container {@code version}, which says how samples are fed to the MAC ({@link SampleBytes}; from version 3 through {@link BlockDigests}). */
    BlockTags(byte[] key, int version) {
        this.key = key;
        this.prototype = newMac(key);
        this.version = version;
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** The tag of container version 3: over the block's digest ({@link BlockDigests}) and its slice. */
    int tag(byte[] blockDigest, Bits slice) {
        Mac mac = mac();
        mac.update(blockDigest);
        return finish(mac, slice);
    }

    /** The tag of container versions 1 and 2: over the block's position and samples, and its slice. */
    int tag(Raster raster, BlockGrid grid, int block, Bits slice) {
        Mac mac = mac();
        int x = grid.x(block);
        int y = grid.y(block);
        int w = grid.width(block);
        int h = grid.height(block);
        mac.update(ByteBuffer.allocate(20).putInt(block).putInt(x).putInt(y).putInt(w).putInt(h).array());
        SampleBytes encoding = SampleBytes.of(version, raster);
        byte[] row = new byte[encoding.width() * w];
        int[] s = raster.samples();
        for (int r = y; r < y + h; r++) {
            encoding.write(s, r * raster.width() + x, w, row);
            mac.update(row);
        }
        return finish(mac, slice);
    }

    private static int finish(Mac mac, Bits slice) {
        mac.update(ByteBuffer.allocate(4).putInt(slice.length()).array());
        mac.update(slice.toBytes());
        return ByteBuffer.wrap(mac.doFinal()).getInt() >>> (32 - BITS);
    }
}
