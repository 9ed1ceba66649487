package org.cyberhealth.imaging.watermark;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.cyberhealth.imaging.Raster;

/**
 * How the seal's digests and the block tags see a raster's samples, by container version:
 * <ul>
 *   <li>version 1: every sample as a 4-byte big-endian integer;</li>
 *   <li>versions 2 and 3: every sample minus the raster's minimum in as few big-endian bytes as its range
 *       needs (1 for 8-bit images, 2 for up to 16 bits, else 4 as in version 1). SHA-256 then reads a
 *       quarter (8-bit) or half (CT, MR) of the bytes: hashing was a fifth of marking a 1024x1024 chest
 *       X-ray and a third of verifying and restoring it.</li>
 * </ul>
 * Both are one-to-one for a given range, which the digest covers too.
 */
final class SampleBytes {

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final int width;
    private final int offset;

    private SampleBytes(int width, int offset) {
        this.width = width;
        this.offset = offset;
    }

    /** The encoding of container {@code version} (1 or 2) for {@code raster}'s range. */
    static SampleBytes of(int version, Raster raster) {
        long range = (long) raster.maxValue() - raster.minValue();
        if (version == 1 || range > 0xFFFF) {
            return new SampleBytes(4, 0);
        }
        return new SampleBytes(range > 0xFF ? 2 : 1, raster.minValue());
    }

    int width() {
        return width;
    }

    /** Writes {@code count} samples from {@code from} into {@code out} from its start ({@code count * width} bytes). */
    void write(int[] samples, int from, int count, byte[] out) {
        switch (width) {
            case 1 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = (byte) (samples[from + i] - offset);
                }
            }
            case 2 -> {
                for (int i = 0; i < count; i++) {
                    SHORTS.set(out, 2 * i, (short) (samples[from + i] - offset));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    INTS.set(out, 4 * i, samples[from + i]);
                }
            }
        }
    }
}
