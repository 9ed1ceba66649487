package org.cyberhealth.imaging.attack;

import java.util.Arrays;
import java.util.IntSummaryStatistics;
import org.cyberhealth.imaging.Raster;

/**
 * Gray-level windowing to 8 bits as a radiology viewer displays a wide-range image: samples between
 * {@code level - width/2} and {@code level + width/2} (in the raster's stored units) map linearly onto
 * 0..255, rounded; samples outside are clamped to black or white.
 *
 * @param label how the window is named in reports (e.g. {@code "soft tissue W400 L40 HU"})
 */
public record Windowing(double level, double width, String label) implements Attack {

    public Windowing {
        if (!(width > 0)) {
            throw new IllegalArgumentException("window width " + width);
        }
    }

    /** What a converter that ignores windows does: the raster's whole stored range onto 0..255. */
    public static Windowing storedRange(Raster raster) {
        return new Windowing((raster.minValue() + (double) raster.maxValue() + 1) / 2, raster.peak() + 1.0, "stored range");
    }

    /** What a viewer's automatic window does: the span of the raster's samples onto 0..255. */
    public static Windowing dataSpan(Raster raster) {
        IntSummaryStatistics data = Arrays.stream(raster.samples()).summaryStatistics();
        return new Windowing((data.getMin() + (double) data.getMax() + 1) / 2, data.getMax() - (double) data.getMin() + 1, "min-max");
    }

    @Override
    public String name() {
        return "window " + label;
    }

    @Override
    public Raster apply(Raster raster) {
        int[] samples = new int[raster.size()];
        double low = level - width / 2;
        for (int i = 0; i < samples.length; i++) {
            double scaled = (raster.samples()[i] - low) / width * 255.0;
            samples[i] = (int) Math.max(0, Math.min(255, Math.round(scaled)));
        }
        return Raster.wrap(raster.width(), raster.height(), samples, 0, 255);
    }
}
