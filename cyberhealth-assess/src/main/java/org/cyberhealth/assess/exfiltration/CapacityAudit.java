package org.cyberhealth.assess.exfiltration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * How much an export could carry beyond its task, and whether its low-order bits look like a trained network's.
 *
 * <p>What a trained float32 network looks like: its mantissas follow Benford's law (weights spread over orders of
 * magnitude, so log2 of the mantissa is close to uniform): the top mantissa bit is 1 with probability
 * log2(2 / 1.5) = 0.415, the next two with 0.456 and 0.478, and every lower bit with 0.5 to within noise
 * (measured on abdomen-unet: 0.413, 0.460, 0.478, then 0.49 to 0.51). Two departures are evidence of hidden data:
 * <ul>
 *   <li>structured low bits: the two low bytes of the mantissas are not uniform (chi-square over 256 values, per
 *       tensor and pooled) or compress (deflate): raw floats, small integers or text were written there;</li>
 *   <li>top mantissa bits too random: bits 20 to 22 are nearer 0.5 than Benford's law allows (z-test): a payload
 *       was written deep into the mantissa.</li>
 * </ul>
 * A payload that was whitened (encrypted) and kept in the low 16 bits shows neither: no statistic tells it from
 * the rounding noise of training. So the audit also gives an upper bound whatever the statistics say: every
 * mantissa bit below the precision the task needs ({@code neededMantissaBits}; 7, bfloat16's, is what the
 * benchmark shows costs no Dice) could carry a payload bit; divided by the attack's bits per image, it bounds the
 * images that could leak. Only a sanitiser that clears those bits brings the bound to zero.
 */
public final class CapacityAudit {

    /** Chi-square and compression findings must be this unlikely for a clean network to count (about 5 sigma). */
    public static final double P_THRESHOLD = 1e-6;
    /** A top mantissa bit this many standard errors nearer 0.5 than Benford's law counts as replaced. */
    public static final double Z_THRESHOLD = 6;
    /** Below this deflate ratio the low 16 bits hold something compressible (random bits give about 1.0). */
    public static final double DEFLATE_THRESHOLD = 0.97;
    private static final int MIN_TENSOR = 1024;

    /** The audit's numbers and findings. */
    public record Result(long weights, long freeBitsPerWeight, long capacityBits, double boundImages, double[] onesFraction,
                         double[] benford, double lowBytesDeflateRatio, List<String> findings) {

        public boolean suspicious() {
            return !findings.isEmpty();
        }
    }

    private CapacityAudit() {}

    /**
     * Audits {@code tensors}; {@code extraBits} (bytes the structure audit found outside the declared tensors, x 8)
     * add to the bound; {@code bitsPerImage} is the attack's rate.
     */
    public static Result run(List<float[]> tensors, int neededMantissaBits, long extraBits, double bitsPerImage) {
        long n = tensors.stream().mapToLong(a -> a.length).sum();
        List<String> findings = new ArrayList<>();
        long[] ones = new long[23];
        long[] low = new long[256];
        long[] high = new long[256];
        byte[] lowBytes = new byte[Math.toIntExact(2 * n)];
        int at = 0;
        int index = 0;
        for (float[] tensor : tensors) {
            long[] tLow = new long[256];
            long[] tHigh = new long[256];
            for (float v : tensor) {
                int raw = Float.floatToRawIntBits(v);
                for (int b = 0; b < 23; b++) {
                    ones[b] += (raw >>> b) & 1;
                }
                tLow[raw & 0xff]++;
                tHigh[(raw >>> 8) & 0xff]++;
                lowBytes[at++] = (byte) raw;
                lowBytes[at++] = (byte) (raw >>> 8);
            }
            for (int k = 0; k < 256; k++) {
                low[k] += tLow[k];
                high[k] += tHigh[k];
            }
            if (tensor.length >= MIN_TENSOR) {
                double p = Math.min(uniformity(tLow), uniformity(tHigh));
                if (p < P_THRESHOLD) {
                    findings.add(String.format(Locale.ROOT, "tensor %d: its low mantissa bytes are not uniform (chi-square p = %.1e)", index, p));
                }
            }
            index++;
        }
        double pooled = Math.min(uniformity(low), uniformity(high));
        if (pooled < P_THRESHOLD) {
            findings.add(String.format(Locale.ROOT, "the low mantissa bytes of all weights are not uniform (chi-square p = %.1e)", pooled));
        }
        double ratio = deflateRatio(lowBytes);
        if (ratio < DEFLATE_THRESHOLD) {
            findings.add(String.format(Locale.ROOT, "the low 16 mantissa bits compress to %.1f%% (random bits do not compress)", 100 * ratio));
        }
        double[] fraction = new double[23];
        double[] benford = new double[23];
        for (int b = 0; b < 23; b++) {
            fraction[b] = n == 0 ? 0 : (double) ones[b] / n;
            benford[b] = benfordOnes(23 - b);
        }
        for (int b = 20; b < 23 && n > 0; b++) {
            double z = (fraction[b] - benford[b]) / Math.sqrt(benford[b] * (1 - benford[b]) / n);
            if (z > Z_THRESHOLD) {
                findings.add(String.format(Locale.ROOT, "mantissa bit %d is 1 in %.1f%% of weights; a trained network's follow Benford's law "
                        + "(%.1f%%, z = %.0f): its bits look replaced by random data", b, 100 * fraction[b], 100 * benford[b], z));
            }
        }
        long free = Math.max(0, 23 - neededMantissaBits);
        long capacity = n * free + extraBits;
        return new Result(n, free, capacity, capacity / bitsPerImage, fraction, benford, ratio, findings);
    }

    /** Chi-square p-value of 256 counts against the uniform distribution. */
    static double uniformity(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 1;
        }
        double expected = total / 256.0;
        double statistic = 0;
        for (long c : counts) {
            statistic += (c - expected) * (c - expected) / expected;
        }
        return ChiSquaredDistribution.of(255).survivalProbability(statistic);
    }

    /** Probability that mantissa bit {@code fromTop} (1 = the highest stored bit) is 1 when log2 of the mantissa is uniform. */
    static double benfordOnes(int fromTop) {
        if (fromTop > 12) {
            return 0.5;
        }
        int cells = 1 << fromTop;
        double p = 0;
        for (int c = 1; c < cells; c += 2) {
            double from = 1 + (double) c / cells;
            double to = 1 + (double) (c + 1) / cells;
            p += Math.log(to / from) / Math.log(2);
        }
        return p;
    }

    private static double deflateRatio(byte[] data) {
        if (data.length == 0) {
            return 1;
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        while (!deflater.finished()) {
            size += deflater.deflate(buffer);
        }
        deflater.end();
        return (double) size / data.length;
    }
}
