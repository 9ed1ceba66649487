package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * A working copy of a region's rectangle (so that nothing outside the region is ever read, and a failed
 * embedding leaves the raster untouched) and its two rhombus layers: the "cross" samples, whose
 * coordinates sum to an even number, and the "dot" samples in between. A sample is a carrier candidate
 * when it may change and its four neighbours lie in the rectangle; border samples are context only.
 */
final class RhombusWindow {

    final int width;
    final int height;
    final int[] values;
    final int minValue;
    final int maxValue;
    /** The layers' window positions, in increasing order; shared by windows of one size: never changed. */
    final int[] cross;
    final int[] dot;
    private final Raster raster;
    private final Region region;
    /** Whether every inner sample is a carrier candidate (nothing in the window must stay untouched). */
    private final boolean allInnerChangeable;

    private RhombusWindow(Raster raster, Region region) {
        this.raster = raster;
        this.region = region;
        width = region.width();
        height = region.height();
        minValue = raster.minValue();
        maxValue = raster.maxValue();
        if (region.x() + width > raster.width() || region.y() + height > raster.height()) {
            throw new IllegalArgumentException("region leaves the raster");
        }
        values = new int[width * height];
        reread();
        allInnerChangeable = region.mayChangeAll(region.x(), region.y(), width, height);
        if (allInnerChangeable) {
            InnerLayers layers = InnerLayers.of(width, height, (region.x() + region.y()) & 1);
            cross = layers.cross;
            dot = layers.dot;
        } else {
            int[][] layers = changeableLayers(region, width, height);
            cross = layers[0];
            dot = layers[1];
        }
    }

    /**
     * The cross and dot samples of a window whose inner samples may all change: they depend only on its
     * size and the parity of its corner, so the blocks of a grid share them (never changed by anyone).
     * The last few are kept: a grid has at most four block sizes.
     */
    private static final class InnerLayers {

        private static final InnerLayers[] RECENT = new InnerLayers[4];
        private static int next;

        final int width;
        final int height;
        final int originParity;
        final int[] cross;
        final int[] dot;

        private InnerLayers(int width, int height, int originParity) {
            this.width = width;
            this.height = height;
            this.originParity = originParity;
            int[][] layers = list(width, height, originParity);
            this.cross = layers[0];
            this.dot = layers[1];
        }

        static InnerLayers of(int width, int height, int originParity) {
            // entries are immutable (final fields), so a racing reader sees a whole one or none
            for (InnerLayers kept : RECENT) {
                if (kept != null && kept.width == width && kept.height == height && kept.originParity == originParity) {
                    return kept;
                }
            }
            InnerLayers built = new InnerLayers(width, height, originParity);
            synchronized (RECENT) {
                RECENT[next] = built;
                next = (next + 1) % RECENT.length;
            }
            return built;
        }

        /** Row by row, every other sample, starting where the parity says: nothing asks the region sample by sample. */
        private static int[][] list(int width, int height, int originParity) {
            int innerWidth = Math.max(0, width - 2);
            int[] counts = new int[2];
            for (int y = 1; y < height - 1; y++) {
                // the first inner sample (x = 1) of row y is a cross sample when 1 + y + originParity is even
                int firstIsDot = (1 + y + originParity) & 1;
                counts[firstIsDot] += (innerWidth + 1) / 2;
                counts[1 - firstIsDot] += innerWidth / 2;
            }
            int[][] layers = {new int[counts[0]], new int[counts[1]]};
            int[] filled = new int[2];
            for (int y = 1; y < height - 1; y++) {
                int firstIsDot = (1 + y + originParity) & 1;
                for (int layer = 0; layer < 2; layer++) {
                    int[] out = layers[layer];
                    int n = filled[layer];
                    for (int p = y * width + 1 + (layer ^ firstIsDot); p < (y + 1) * width - 1; p += 2) {
                        out[n++] = p;
                    }
                    filled[layer] = n;
                }
            }
            return layers;
        }
    }

    /** The cross and dot samples of a window some of whose samples must stay untouched. */
    private static int[][] changeableLayers(Region region, int width, int height) {
        int inner = Math.max(0, width - 2) * Math.max(0, height - 2);
        int[] crossBuffer = new int[(inner + 1) / 2 + 1];
        int[] dotBuffer = new int[(inner + 1) / 2 + 1];
        int crossCount = 0;
        int dotCount = 0;
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                int px = region.x() + x;
                int py = region.y() + y;
                if (!region.mayChange(px, py)) {
                    continue;
                }
                if (((px + py) & 1) == 0) {
                    crossBuffer[crossCount++] = y * width + x;
                } else {
                    dotBuffer[dotCount++] = y * width + x;
                }
            }
        }
        return new int[][] {java.util.Arrays.copyOf(crossBuffer, crossCount), java.util.Arrays.copyOf(dotBuffer, dotCount)};
    }

    private RhombusWindow(RhombusWindow other) {
        raster = other.raster;
        region = other.region;
        width = other.width;
        height = other.height;
        minValue = other.minValue;
        maxValue = other.maxValue;
        values = other.values.clone();
        cross = other.cross;
        dot = other.dot;
        allInnerChangeable = other.allInnerChangeable;
        touchesLimits = other.touchesLimits;
    }

    /** A scratch copy with its own samples, for dry runs. */
    RhombusWindow copy() {
        return new RhombusWindow(this);
    }

    static RhombusWindow of(Raster raster, Region region) {
        return new RhombusWindow(raster, region);
    }

    /** The mean of the four neighbours, floored after adding {@code rounding} quarters (0 to 3). */
    int predict(int p, int rounding) {
        return (values[p - width] + values[p + width] + values[p - 1] + values[p + 1] + rounding) >> 2;
    }

    /** The prediction errors of {@code ranked}'s samples, in its order. */
    int[] errors(int[] ranked) {
        return errors(ranked, 0);
    }

    /** The errors of {@code ranked}'s samples, in its order, against {@link #predict(int, int)}. */
    int[] errors(int[] ranked, int rounding) {
        int[] errors = new int[ranked.length];
        for (int rank = 0; rank < ranked.length; rank++) {
            int p = ranked[rank];
            errors[rank] = values[p] - predict(p, rounding);
        }
        return errors;
    }

    /**
     * Whether at least {@code wanted} of {@code layer}'s samples have a prediction error of 0 or -1;
     * stops counting once the answer is known.
     */
    boolean hasErrorsNearZero(int[] layer, int wanted) {
        int found = 0;
        for (int i = 0; i < layer.length; i++) {
            if (found >= wanted || found + layer.length - i < wanted) {
                break;
            }
            int p = layer[i];
            // 0 or -1: the error plus one is 0 or 1
            found += (values[p] - predict(p, 0) + 1) >>> 1 == 0 ? 1 : 0;
        }
        return found >= wanted;
    }

    boolean inRange(int value) {
        return value >= minValue && value <= maxValue;
    }

    /** {@link #touchesLimits} once asked: 0 not yet, 1 no, 2 yes. */
    private byte touchesLimits;

    /**
     * Whether some sample of the window, of either layer or the border, sat at the minimum or the maximum
     * of the range when this was first asked (or when the window it was copied from was). Planners ask
     * so for a layer that is not marked yet, whose samples are still those of then: a window's layers are
     * planned once or more each (a block's dot layer again when its side information outgrows its room),
     * and the answer, a pass over the window, is given again instead of taken afresh.
     */
    boolean touchesLimits() {
        if (touchesLimits == 0) {
            touchesLimits = (byte) (anySampleAtALimit() ? 2 : 1);
        }
        return touchesLimits == 2;
    }

    private boolean anySampleAtALimit() {
        // (x - 1) & ~x has its sign bit set exactly when x is 0: or-ed over the samples for x = v ^ limit,
        // plain int operations that the JIT turns into vector instructions (a boolean or-ed sample by
        // sample, and min and max reductions, were a sixteenth of marking an 8-bit chest X-ray)
        int hit = 0;
        for (int v : values) {
            int low = v ^ minValue;
            int high = v ^ maxValue;
            hit |= (low - 1) & ~low | (high - 1) & ~high;
        }
        return hit < 0;
    }

    /** Whether the least significant bit of {@code value} can be replaced without leaving the range. */
    boolean lsbReplaceable(int value) {
        return (value & ~1) >= minValue && (value | 1) <= maxValue;
    }

    /** The sum of squared differences between the carrier candidates here and in {@code other}, a window of the same region. */
    long squaredErrorFrom(RhombusWindow other) {
        long sum = 0;
        for (int[] layer : new int[][] {cross, dot}) {
            for (int p : layer) {
                long d = values[p] - other.values[p];
                sum += d * d;
            }
        }
        return sum;
    }

    /** Copies the region's samples from the raster again: undoes what a failed embedding left in the window. */
    void reread() {
        int[] samples = raster.samples();
        for (int y = 0; y < height; y++) {
            System.arraycopy(samples, (region.y() + y) * raster.width() + region.x(), values, y * width, width);
        }
    }

    /** Copies the carrier candidates back into the raster (nothing else can have changed). */
    void writeBack() {
        int[] samples = raster.samples();
        // a window position p in row y is raster sample p + offset + y * (raster width - window width)
        int offset = region.y() * raster.width() + region.x();
        if (allInnerChangeable) {
            // the candidates are the whole inside of the window: row by row
            for (int y = 1; y < height - 1; y++) {
                System.arraycopy(values, y * width + 1, samples, offset + y * raster.width() + 1, Math.max(0, width - 2));
            }
            return;
        }
        int stride = raster.width() - width;
        for (int[] layer : new int[][] {cross, dot}) {
            int y = 0;
            int rowEnd = width;
            for (int p : layer) {
                while (p >= rowEnd) {
                    y++;
                    rowEnd += width;
                }
                samples[p + offset + y * stride] = values[p];
            }
        }
    }
}
