package org.cyberhealth.imaging.watermark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.cyberhealth.core.io.AtomicOutput;
import org.cyberhealth.imaging.Raster;

/**
 * A picture of where an image was changed: the image in gray (windowed between its 1st and 99th
 * percentile, so that a CT shows its anatomy rather than a black frame), with every tampered region
 * filled in translucent red and outlined.
 */
public final class TamperMap {

    private TamperMap() {}

    public static BufferedImage render(Raster raster, List<TamperedRegion> regions) {
        int[] s = raster.samples();
        int[] sorted = s.clone();
        Arrays.sort(sorted);
        int low = sorted[(int) (0.01 * (sorted.length - 1))];
        int high = Math.max(low + 1, sorted[(int) (0.99 * (sorted.length - 1))]);
        BufferedImage image = new BufferedImage(raster.width(), raster.height(), BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < s.length; i++) {
            int g = (int) Math.max(0, Math.min(255, 255L * (s[i] - low) / (high - low)));
            image.setRGB(i % raster.width(), i / raster.width(), g << 16 | g << 8 | g);
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setStroke(new BasicStroke(Math.max(1f, raster.width() / 256f)));
            for (TamperedRegion r : regions) {
                g.setColor(new Color(255, 0, 0, 90));
                g.fillRect(r.x(), r.y(), r.width(), r.height());
                g.setColor(Color.RED);
                g.drawRect(r.x(), r.y(), r.width() - 1, r.height() - 1);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes the map as PNG, atomically. */
    public static void write(Raster raster, List<TamperedRegion> regions, Path png, boolean overwrite) {
        BufferedImage image = render(raster, regions);
        AtomicOutput.write(png, overwrite, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }
}
