package org.cyberhealth.imaging.watermark;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.cyberhealth.core.crypto.Digests;
import org.cyberhealth.imaging.Raster;

/**
 * Container version 3's one hashing pass over the raster under the fragile layer (the original plus
 * the robust mark): SHA-256 of each block's samples (the header's reserved ones without their least
 * significant bit), which feeds both
 * the block's tag (an HMAC over the digest, see {@link BlockTags}) and the seal's digest of the whole
 * raster (SHA-256 over the geometry, the range, every block's digest in grid order and the reserved
 * samples' values). Versions 1 and 2 hashed that raster twice, once a block for the tags and once
 * whole for the seal: with the digest of the original, three passes to verify and restore, which was a
 * tenth of restoring a 1024x1024 chest X-ray.
 *
 * <p>The header is written into the reserved samples' least significant bits after the digests are
 * taken and stays there while the blocks are read back, so the blocks' digests leave those bits out;
 * their values before the header, which restoration puts back, enter the whole raster's digest, and
 * the verifier compares the bits read with the header ({@link Layout#blocksWithChangedHeader}).
 */
final class BlockDigests {

    private BlockDigests() {}

    /** SHA-256 of the block's position and samples (reserved ones without their low bit), as {@link SampleBytes} of version 3 writes them. */
    static byte[] of(Raster raster, Layout layout, int block) {
        BlockGrid grid = layout.grid;
        int x = grid.x(block);
        int y = grid.y(block);
        int w = grid.width(block);
        int h = grid.height(block);
        MessageDigest md = Digests.sha256();
        md.update(ByteBuffer.allocate(20).putInt(block).putInt(x).putInt(y).putInt(w).putInt(h).array());
        SampleBytes encoding = SampleBytes.of(ContainerHeader.VERSION, raster);
        byte[] row = new byte[encoding.width() * w];
        int[] s = raster.samples();
        boolean holdsReserved = layout.holdsReserved(block);
        int[] kept = holdsReserved ? new int[w] : null;
        for (int r = y; r < y + h; r++) {
            int start = r * raster.width() + x;
            if (!holdsReserved) {
                encoding.write(s, start, w, row);
                md.update(row);
                continue;
            }
            for (int i = 0; i < w; i++) {
                kept[i] = layout.isReserved(start + i) ? s[start + i] & ~1 : s[start + i];
            }
            encoding.write(kept, 0, w, row);
            md.update(row);
        }
        return md.digest();
    }

    /** The seal's digest of the raster under the fragile layer, from every block's digest (grid order) and the reserved samples' values. */
    static byte[] combined(Raster raster, byte[][] blockDigests, int[] reservedValues) {
        MessageDigest md = Digests.sha256();
        md.update(ByteBuffer.allocate(16).putInt(raster.width()).putInt(raster.height()).putInt(raster.minValue())
                .putInt(raster.maxValue()).array());
        for (byte[] digest : blockDigests) {
            md.update(digest);
        }
        ByteBuffer reserved = ByteBuffer.allocate(4 + 4 * reservedValues.length).putInt(reservedValues.length);
        for (int v : reservedValues) {
            reserved.putInt(v);
        }
        md.update(reserved.array());
        return md.digest();
    }
}
