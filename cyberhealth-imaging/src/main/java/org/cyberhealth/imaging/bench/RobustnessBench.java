package org.cyberhealth.imaging.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Fidelity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.attack.Attack;
import org.cyberhealth.imaging.attack.GaussianNoise;
import org.cyberhealth.imaging.attack.JpegRecompression;
import org.cyberhealth.imaging.attack.Windowing;
import org.cyberhealth.imaging.watermark.robust.CircularHistogramMark;
import org.cyberhealth.imaging.watermark.robust.LeakRehearsal;
import org.cyberhealth.imaging.watermark.robust.RobustMark;
import org.cyberhealth.imaging.watermark.robust.RobustParameters;
import org.cyberhealth.imaging.watermark.robust.RobustReading;
import org.cyberhealth.imaging.watermark.robust.RobustWatermark;

/**
 * Measures how well the robust marks survive a leaker's processing: for {@link RobustMark} (with the
 * product's defaults, and on pictures wider than 8 bits also rehearsed as {@code image mark --strong-robust}
 * marks, see {@link LeakRehearsal})
 * and its baseline {@link CircularHistogramMark}, and for each picture, it embeds a random 64-bit code, checks that removal restores the picture exactly, then applies each attack to a
 * copy of the marked picture and counts the bits the blind reader gets wrong.
 *
 * <p>8-bit pictures get JPEG re-encoding at qualities 95 to 50 and Gaussian noise of sigma 1 to 8.
 * Wider pictures get noise in stored units, windowing to 8 bits (for CT a soft-tissue and a wide
 * window, and for every picture the data's span, as a viewer's automatic window shows it, and the whole
 * stored range, as a converter that ignores windows maps it), and windowing followed by JPEG at quality 75.
 */
public final class RobustnessBench {

    private static final int[] JPEG_QUALITIES = {95, 90, 85, 80, 75, 70, 60, 50};
    private static final double[] NOISE_SIGMAS = {1, 2, 4, 8};

    /** A picture to measure; {@code hounsfieldIntercept} is set for CT, whose windows are given in HU. */
    public record Subject(String name, Raster raster, Double hounsfieldIntercept) {

        public static Subject plain(String name, Raster raster) {
            return new Subject(name, raster, null);
        }

        /** A CT picture whose Hounsfield value is {@code stored + intercept}. */
        public static Subject ct(String name, Raster raster, double intercept) {
            return new Subject(name, raster, intercept);
        }
    }

    /** One measurement: the marked picture's quality and what the reader got after one attack. */
    public record Row(String scheme, String image, String attack, double psnr, int sideInformationBits, boolean restoredExactly,
            int bitErrors, int messageBits, double meanReliability) {}

    private final byte[] key;
    private final long seed;

    public RobustnessBench(byte[] key, long seed) {
        this.key = key.clone();
        this.seed = seed;
    }

    public List<Row> run(List<Subject> subjects) {
        List<Row> rows = new ArrayList<>();
        for (Subject subject : subjects) {
            rows.addAll(run(subject));
        }
        return rows;
    }

    public List<Row> run(Subject subject) {
        List<Row> rows = new ArrayList<>();
        Raster raster = subject.raster();
        // The strength rule the product uses (WatermarkSchemes): from the range the picture really spans.
        RobustParameters defaults = RobustParameters.forRangeBits(RobustParameters.markedRangeBits(raster));
        RobustMark product = new RobustMark(key, defaults);
        rows.addAll(run(subject, product.name(), product));
        if (LeakRehearsal.rehearses(raster)) {
            // what 'image mark --strong-robust' embeds; an 8-bit picture survives JPEG 75 without it
            rows.addAll(run(subject, product.name() + ", strong", LeakRehearsal.rehearsing(product)));
        }
        CircularHistogramMark baseline = CircularHistogramMark.forRaster(key, raster);
        rows.addAll(run(subject, baseline.name(), baseline));
        return rows;
    }

    private List<Row> run(Subject subject, String scheme, RobustWatermark mark) {
        Raster original = subject.raster();
        int messageBits = mark.messageBits();
        Bits message = new Bits(messageBits).append(new SplittableRandom(seed ^ subject.name().hashCode()).nextLong(), messageBits);
        Raster marked = original.copy();
        Region region = Region.whole(marked);
        Bits side = mark.embed(marked, region, message);
        double psnr = Fidelity.psnr(original, marked);
        Raster restored = marked.copy();
        mark.remove(restored, region, message, side);
        boolean exact = restored.sameAs(original);
        List<Row> rows = new ArrayList<>();
        for (Attack attack : attacksFor(subject)) {
            RobustReading reading = mark.read(attack.apply(marked));
            rows.add(new Row(scheme, subject.name(), attack.name(), psnr, side.length(), exact,
                    reading.errorsAgainst(message), messageBits, reading.meanReliability()));
        }
        return rows;
    }

    private List<Attack> attacksFor(Subject subject) {
        Raster raster = subject.raster();
        List<Attack> attacks = new ArrayList<>();
        attacks.add(Attack.none());
        boolean eightBit = raster.minValue() == 0 && raster.maxValue() == 255;
        if (eightBit) {
            for (int quality : JPEG_QUALITIES) {
                attacks.add(new JpegRecompression(quality));
            }
        }
        for (double sigma : NOISE_SIGMAS) {
            attacks.add(new GaussianNoise(sigma, seed));
        }
        if (!eightBit) {
            List<Windowing> windows = new ArrayList<>();
            if (subject.hounsfieldIntercept() != null) {
                windows.add(new Windowing(40 - subject.hounsfieldIntercept(), 400, "W400 L40 HU"));
                windows.add(new Windowing(40 - subject.hounsfieldIntercept(), 2000, "W2000 L40 HU"));
            }
            // a viewer's automatic window spans the data; a converter that ignores windows maps the whole format
            windows.add(Windowing.dataSpan(raster));
            windows.add(Windowing.storedRange(raster));
            for (Windowing window : windows) {
                attacks.add(window);
                attacks.add(window.then(new JpegRecompression(75)));
            }
        }
        return attacks;
    }


    /** The rows as a Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| scheme | image | attack | PSNR (dB) | side info (bits) | restored | bit errors | mean reliability |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %d | %s | %d/%d | %.1f |%n", row.scheme(), row.image(), row.attack(),
                    row.psnr(), row.sideInformationBits(), row.restoredExactly() ? "exact" : "NO", row.bitErrors(),
                    row.messageBits(), row.meanReliability()));
        }
        return out.toString();
    }
}
