package org.cyberhealth.assess.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.cyberhealth.ml.model.InputSpec;

/**
 * Adversarial examples next to their originals, as one PNG: a row per example with the original, the
 * adversarial image and the perturbation (mid-grey is no change; black and white are -eps and +eps), each
 * enlarged by whole pixels so that a 28x28 image is readable. Seeing that the two images look the same is
 * the point a number cannot make.
 */
public final class AdversarialExamplesPng {

    private static final int TARGET_SIZE = 140;
    private static final int GAP = 6;

    private AdversarialExamplesPng() {}

    public static byte[] render(InputSpec input, float[][] originals, float[][] adversarial, double eps) {
        if (originals.length == 0 || originals.length != adversarial.length) {
            throw new IllegalArgumentException("one adversarial image per original, at least one");
        }
        int zoom = Math.max(1, TARGET_SIZE / Math.max(input.height(), input.width()));
        int cellWidth = input.width() * zoom;
        int cellHeight = input.height() * zoom;
        BufferedImage grid = new BufferedImage(3 * cellWidth + 4 * GAP, originals.length * (cellHeight + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < grid.getHeight(); y++) {
            for (int x = 0; x < grid.getWidth(); x++) {
                grid.setRGB(x, y, 0xFFFFFF);
            }
        }
        float range = input.upper() - input.lower();
        for (int row = 0; row < originals.length; row++) {
            float[] delta = new float[originals[row].length];
            for (int p = 0; p < delta.length; p++) {
                // Perturbation shown on the image's own scale: mid-grey plus delta stretched so that eps is white.
                double shown = 0.5 + (adversarial[row][p] - originals[row][p]) / (2 * Math.max(eps, 1e-12));
                delta[p] = (float) (input.lower() + range * Math.min(1, Math.max(0, shown)));
            }
            int top = GAP + row * (cellHeight + GAP);
            draw(grid, input, originals[row], GAP, top, zoom);
            draw(grid, input, adversarial[row], 2 * GAP + cellWidth, top, zoom);
            draw(grid, input, delta, 3 * GAP + 2 * cellWidth, top, zoom);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(grid, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static void draw(BufferedImage grid, InputSpec input, float[] image, int left, int top, int zoom) {
        int plane = input.height() * input.width();
        boolean colour = input.channels() == 3;
        for (int y = 0; y < input.height(); y++) {
            for (int x = 0; x < input.width(); x++) {
                int p = y * input.width() + x;
                int r = level(input, image[p]);
                int rgb = colour ? r << 16 | level(input, image[plane + p]) << 8 | level(input, image[2 * plane + p]) : r << 16 | r << 8 | r;
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        grid.setRGB(left + x * zoom + dx, top + y * zoom + dy, rgb);
                    }
                }
            }
        }
    }

    private static int level(InputSpec input, float value) {
        double unit = (value - input.lower()) / (input.upper() - input.lower());
        return (int) Math.round(255 * Math.min(1, Math.max(0, unit)));
    }
}
