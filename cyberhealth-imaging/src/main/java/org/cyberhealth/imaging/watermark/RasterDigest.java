package org.cyberhealth.imaging.watermark;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.cyberhealth.core.crypto.Digests;
import org.cyberhealth.imaging.Raster;

/** SHA-256 of a raster's geometry, range and samples: the "original pixel data" a seal signs. */
final class RasterDigest {

    private static final int CHUNK_SAMPLES = 16 * 1024;

    private RasterDigest() {}

    static byte[] of(Raster raster) {
        MessageDigest md = Digests.sha256();
        ByteBuffer head = ByteBuffer.allocate(16);
        head.putInt(raster.width()).putInt(raster.height()).putInt(raster.minValue()).putInt(raster.maxValue());
        md.update(head.array());
        update(md, raster.samples(), 0, raster.size());
        return md.digest();
    }

    /** Feeds {@code count} samples from {@code offset} to {@code md}, as big-endian 32-bit integers. */
    static void update(MessageDigest md, int[] samples, int offset, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * Math.min(count, CHUNK_SAMPLES));
        for (int start = 0; start < count; start += CHUNK_SAMPLES) {
            int n = Math.min(CHUNK_SAMPLES, count - start);
            buffer.clear();
            buffer.asIntBuffer().put(samples, offset + start, n);
            md.update(buffer.array(), 0, 4 * n);
        }
    }
}
