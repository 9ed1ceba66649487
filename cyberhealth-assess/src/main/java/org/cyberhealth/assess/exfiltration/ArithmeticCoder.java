package org.cyberhealth.assess.exfiltration;

import java.io.ByteArrayOutputStream;

/**
 * Arithmetic coding of the attack's codes with the learned entropy model's tables: the integer coder of Witten,
 * Neal and Cleary ("Arithmetic coding for data compression", CACM 1987) with 32-bit bounds, bits emitted as soon as
 * the interval lies in one half, and deferred ("pending") bits while it straddles the middle. Symbol q of an image
 * (channel-major, as the latent tensor is laid out) is coded with the table of its channel. The output is within a
 * few bytes of the tables' ideal code length ({@link FrequencyTables#bitsPerImage}); that is what makes the rate the
 * attack trains for the size that actually leaves.
 *
 * <p>Decoding never fails: bits past the end read as 0 and a damaged stream still yields symbols (garbage), because
 * the thief of a sanitised export has no way to tell.
 */
public final class ArithmeticCoder {

    private static final long MASK = 0xFFFFFFFFL;
    private static final long HALF = 0x80000000L;
    private static final long QUARTER = 0x40000000L;

    private ArithmeticCoder() {}

    /** The codes of every image, one after the other, as one stream. */
    public static byte[] encode(int[][] codes, FrequencyTables tables, Codes geometry) {
        int[][] cumulative = cumulatives(tables);
        int plane = geometry.height() * geometry.width();
        BitSink out = new BitSink();
        long low = 0;
        long high = MASK;
        long pending = 0;
        for (int[] image : codes) {
            if (image.length != geometry.symbols()) {
                throw new IllegalArgumentException(image.length + " symbols for an image of " + geometry.symbols());
            }
            for (int q = 0; q < image.length; q++) {
                int[] cum = cumulative[q / plane];
                int s = image[q];
                if (s < 0 || s >= cum.length - 1) {
                    throw new IllegalArgumentException("symbol " + s + " outside 0.." + (cum.length - 2));
                }
                long range = high - low + 1;
                long total = cum[cum.length - 1];
                high = low + range * cum[s + 1] / total - 1;
                low = low + range * cum[s] / total;
                while (true) {
                    if (high < HALF) {
                        out.bitWithPending(0, pending);
                        pending = 0;
                    } else if (low >= HALF) {
                        out.bitWithPending(1, pending);
                        pending = 0;
                        low -= HALF;
                        high -= HALF;
                    } else if (low >= QUARTER && high < HALF + QUARTER) {
                        pending++;
                        low -= QUARTER;
                        high -= QUARTER;
                    } else {
                        break;
                    }
                    low = low << 1;
                    high = (high << 1) | 1;
                }
            }
        }
        // Two more bits single out a value inside the final interval.
        out.bitWithPending(low < QUARTER ? 0 : 1, pending + 1);
        return out.bytes();
    }

    /** {@code images} images' codes read from {@code bytes} (whatever follows them is ignored). */
    public static int[][] decode(byte[] bytes, int offset, FrequencyTables tables, Codes geometry, int images) {
        int[][] cumulative = cumulatives(tables);
        int plane = geometry.height() * geometry.width();
        BitSource in = new BitSource(bytes, offset);
        long low = 0;
        long high = MASK;
        long value = 0;
        for (int b = 0; b < 32; b++) {
            value = (value << 1) | in.bit();
        }
        int[][] codes = new int[images][geometry.symbols()];
        for (int[] image : codes) {
            for (int q = 0; q < image.length; q++) {
                int[] cum = cumulative[q / plane];
                long range = high - low + 1;
                long total = cum[cum.length - 1];
                // Damaged input can put the value outside [low, high]; clamping keeps decoding going.
                long target = Math.max(0, Math.min(total - 1, ((value - low + 1) * total - 1) / range));
                int s = symbolAt(cum, target);
                image[q] = s;
                high = low + range * cum[s + 1] / total - 1;
                low = low + range * cum[s] / total;
                while (true) {
                    // The encoder's three cases; in the lower half there is nothing to subtract.
                    if (low >= HALF) {
                        low -= HALF;
                        high -= HALF;
                        value -= HALF;
                    } else if (high >= HALF) {
                        if (low < QUARTER || high >= HALF + QUARTER) {
                            break;
                        }
                        low -= QUARTER;
                        high -= QUARTER;
                        value -= QUARTER;
                    }
                    low = low << 1;
                    high = (high << 1) | 1;
                    value = ((value << 1) | in.bit()) & MASK;
                }
            }
        }
        return codes;
    }

    private static int symbolAt(int[] cumulative, long target) {
        int lo = 0;
        int hi = cumulative.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cumulative[mid] <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int[][] cumulatives(FrequencyTables tables) {
        int[][] c = new int[tables.channels()][];
        for (int k = 0; k < c.length; k++) {
            c[k] = tables.cumulative(k);
        }
        return c;
    }

    private static final class BitSink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int current;
        private int filled;

        void bitWithPending(int bit, long pending) {
            put(bit);
            for (long k = 0; k < pending; k++) {
                put(1 - bit);
            }
        }

        private void put(int bit) {
            current = (current << 1) | bit;
            if (++filled == 8) {
                bytes.write(current);
                current = 0;
                filled = 0;
            }
        }

        byte[] bytes() {
            if (filled > 0) {
                bytes.write(current << (8 - filled));
                current = 0;
                filled = 0;
            }
            return bytes.toByteArray();
        }
    }

    private static final class BitSource {
        private final byte[] bytes;
        private long position;

        BitSource(byte[] bytes, int offset) {
            this.bytes = bytes;
            this.position = (long) offset * 8;
        }

        long bit() {
            long index = position >>> 3;
            int bit = index < bytes.length ? (bytes[(int) index] >>> (7 - (position & 7))) & 1 : 0;
            position++;
            return bit;
        }
    }
}
