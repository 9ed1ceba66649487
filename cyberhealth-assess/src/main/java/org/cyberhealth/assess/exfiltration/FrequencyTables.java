package org.cyberhealth.assess.exfiltration;

import java.nio.ByteBuffer;

/**
 * The integer symbol frequencies the arithmetic coder uses, one table per latent channel: the learned entropy
 * model's probabilities of the levels 0..L-1 ({@link EntropyBottleneck#probabilities}), scaled to a total of at most
 * 2^16 with every level given at least 1 (a level the model thinks impossible must still be codable). They travel
 * with the codes, 2 bytes a level a channel, so the thief decodes with exactly the tables the lake encoded with.
 */
public record FrequencyTables(int[][] frequencies) {

    /** The scale of the tables: frequencies of one channel sum to at most this. */
    static final int TOTAL = 1 << 16;

    public FrequencyTables {
        for (int[] table : frequencies) {
            if (table.length < 2 || table.length > 256) {
                throw new IllegalArgumentException("a table covers 2 to 256 levels");
            }
            long sum = 0;
            for (int f : table) {
                if (f < 1 || f >= TOTAL) {
                    throw new IllegalArgumentException("frequencies are 1 to " + (TOTAL - 1));
                }
                sum += f;
            }
            if (sum > TOTAL) {
                throw new IllegalArgumentException("a table sums to " + sum + ", above " + TOTAL);
            }
        }
    }

    /** Tables from probabilities ({@code probabilities[channel][level]}, each row summing to about 1). */
    public static FrequencyTables of(double[][] probabilities) {
        int[][] f = new int[probabilities.length][];
        for (int c = 0; c < probabilities.length; c++) {
            int levels = probabilities[c].length;
            f[c] = new int[levels];
            for (int s = 0; s < levels; s++) {
                // 1 for every level, the rest shared out in proportion: the sum stays at most TOTAL.
                f[c][s] = 1 + (int) Math.floor(Math.max(0, Math.min(1, probabilities[c][s])) * (TOTAL - levels));
            }
        }
        return new FrequencyTables(f);
    }

    public int channels() {
        return frequencies.length;
    }

    public int levels() {
        return frequencies[0].length;
    }

    /** Cumulative frequencies of one channel: {@code cumulative[s]} is the sum below level s, the last entry the total. */
    int[] cumulative(int channel) {
        int[] table = frequencies[channel];
        int[] cumulative = new int[table.length + 1];
        for (int s = 0; s < table.length; s++) {
            cumulative[s + 1] = cumulative[s] + table[s];
        }
        return cumulative;
    }

    /** The ideal code length of {@code codes} under these tables, in bits per image (what the coder approaches). */
    public double bitsPerImage(int[][] codes, Codes geometry) {
        double bits = 0;
        int plane = geometry.height() * geometry.width();
        for (int[] image : codes) {
            for (int q = 0; q < image.length; q++) {
                int[] cumulative = cumulative(q / plane);
                bits -= Math.log((double) frequencies[q / plane][image[q]] / cumulative[cumulative.length - 1]) / Math.log(2);
            }
        }
        return bits / codes.length;
    }

    /** Bytes of the serialised tables. */
    public int byteSize() {
        return channels() * levels() * 2;
    }

    /** Unsigned 16-bit big-endian frequencies, channel by channel. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(byteSize());
        for (int[] table : frequencies) {
            for (int f : table) {
                out.putShort((short) f);
            }
        }
        return out.array();
    }

    /**
     * Reads tables written by {@link #toBytes}. Damaged bytes still give valid tables (a 0 reads as 1, a table above
     * the total is scaled down), so a sanitised export decodes into whatever the damage gives instead of failing.
     */
    public static FrequencyTables fromBytes(byte[] bytes, int offset, int channels, int levels) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, channels * levels * 2);
        int[][] f = new int[channels][levels];
        for (int c = 0; c < channels; c++) {
            long sum = 0;
            for (int s = 0; s < levels; s++) {
                f[c][s] = Math.max(1, in.getShort() & 0xffff);
                sum += f[c][s];
            }
            if (sum > TOTAL) {
                for (int s = 0; s < levels; s++) {
                    f[c][s] = Math.max(1, (int) (f[c][s] * (long) (TOTAL - levels) / sum));
                }
            }
        }
        return new FrequencyTables(f);
    }
}
