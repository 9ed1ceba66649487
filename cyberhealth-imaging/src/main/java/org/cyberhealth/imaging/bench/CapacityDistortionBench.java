package org.cyberhealth.imaging.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Fidelity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.watermark.reversible.CapacityExceededException;
import org.cyberhealth.imaging.watermark.reversible.ReversibleScheme;

/**
 * Capacity-distortion benchmark of reversible schemes: embeds pseudo-random payloads (fixed seed) into
 * whole images, checks bit-exact extraction and restoration, and reports PSNR and timings.
 */
public final class CapacityDistortionBench {

    /** An image under test. */
    public record NamedRaster(String name, Raster raster) {
    }

    /** One measurement; {@code psnr} is null when the payload is not reachable. */
    public record Row(String image, String scheme, int payloadBits, double bitsPerPixel, Double psnr,
            double embedMillis, double extractMillis) {

        public boolean reachable() {
            return psnr != null;
        }
    }

    private static final long PAYLOAD_SEED = 20_091_989L;

    private final int repetitions;

    /** @param repetitions timing runs per measurement; the fastest is reported */
    public CapacityDistortionBench(int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions " + repetitions);
        }
        this.repetitions = repetitions;
    }

    /**
     * Measures every scheme on every image at every payload size.
     *
     * @throws IllegalStateException if a scheme fails to restore the image or the payload bit for bit
     */
    public List<Row> run(List<NamedRaster> images, List<ReversibleScheme> schemes, List<PayloadSize> sizes) {
        List<Row> rows = new ArrayList<>();
        for (NamedRaster image : images) {
            for (ReversibleScheme scheme : schemes) {
                for (PayloadSize size : sizes) {
                    rows.add(measure(image, scheme, size.bitsFor(image.raster())));
                }
            }
        }
        return rows;
    }

    private Row measure(NamedRaster image, ReversibleScheme scheme, int payloadBits) {
        Raster original = image.raster();
        double bpp = (double) payloadBits / original.size();
        Bits payload = randomBits(payloadBits);
        long bestEmbed = Long.MAX_VALUE;
        long bestExtract = Long.MAX_VALUE;
        Double psnr = null;
        for (int run = 0; run < repetitions; run++) {
            Raster marked = original.copy();
            long start = System.nanoTime();
            try {
                scheme.embed(marked, Region.whole(marked), payload);
            } catch (CapacityExceededException notReachable) {
                return new Row(image.name(), scheme.name(), payloadBits, bpp, null, Double.NaN, Double.NaN);
            }
            long embedded = System.nanoTime();
            psnr = Fidelity.psnr(original, marked);
            long extractStart = System.nanoTime();
            Bits extracted = scheme.extract(marked, Region.whole(marked));
            long extractEnd = System.nanoTime();
            if (!extracted.equals(payload) || !marked.sameAs(original)) {
                throw new IllegalStateException(scheme.name() + " did not restore " + image.name() + " bit for bit at "
                        + payloadBits + " bits");
            }
            bestEmbed = Math.min(bestEmbed, embedded - start);
            bestExtract = Math.min(bestExtract, extractEnd - extractStart);
        }
        return new Row(image.name(), scheme.name(), payloadBits, bpp, psnr, bestEmbed / 1e6, bestExtract / 1e6);
    }

    private static Bits randomBits(int length) {
        SplittableRandom random = new SplittableRandom(PAYLOAD_SEED);
        Bits bits = new Bits(Math.max(1, length));
        for (int i = 0; i < length; i++) {
            bits.append(random.nextBoolean());
        }
        return bits;
    }

    /** The rows as a Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| image | scheme | payload (bits) | bpp | PSNR (dB) | embed (ms) | extract (ms) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %s | %s | %s |%n", row.image(), row.scheme(),
                    row.payloadBits(), row.bitsPerPixel(),
                    row.reachable() ? String.format(Locale.ROOT, "%.2f", row.psnr()) : "not reachable",
                    row.reachable() ? String.format(Locale.ROOT, "%.1f", row.embedMillis()) : "-",
                    row.reachable() ? String.format(Locale.ROOT, "%.1f", row.extractMillis()) : "-"));
        }
        return out.toString();
    }
}
