package org.cyberhealth.imaging.watermark;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.cyberhealth.core.crypto.Digests;
import org.cyberhealth.imaging.Raster;

/** SHA-256 of a raster's geometry, range and samples (as {@link SampleBytes} of the container version): the "original pixel data" a seal signs. */
final class RasterDigest {

    private static final int CHUNK_SAMPLES = 16 * 1024;

    private RasterDigest() {}

    static byte[] of(Raster raster, int version) {
        MessageDigest md = Digests.sha256();
        ByteBuffer head = ByteBuffer.allocate(16);
        head.putInt(raster.width()).putInt(raster.height()).putInt(raster.minValue()).putInt(raster.maxValue());
        md.update(head.array());
        SampleBytes encoding = SampleBytes.of(version, raster);
        int count = raster.size();
        byte[] buffer = new byte[encoding.width() * Math.min(count, CHUNK_SAMPLES)];
        for (int start = 0; start < count; start += CHUNK_SAMPLES) {
            int n = Math.min(CHUNK_SAMPLES, count - start);
            encoding.write(raster.samples(), start, n, buffer);
            md.update(buffer, 0, encoding.width() * n);
        }
        return md.digest();
    }
}
