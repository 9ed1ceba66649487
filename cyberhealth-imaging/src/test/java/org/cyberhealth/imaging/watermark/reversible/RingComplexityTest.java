package org.cyberhealth.imaging.watermark.reversible;

import static org.assertj.core.api.Assertions.assertThat;

import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;

/** The shared-difference computation of {@link RingComplexity} gives the sums its class comment defines. */
class RingComplexityTest {

    /** The definition, one sample at a time: sixteen differences inside, four times the rhombus near the border. */
    private static long definition(RhombusWindow window, int p) {
        int w = window.width;
        int[] v = window.values;
        int x = p % w;
        int y = p / w;
        long n = v[p - w];
        long e = v[p + 1];
        long s = v[p + w];
        long west = v[p - 1];
        long sum = Math.abs(n - e) + Math.abs(e - s) + Math.abs(s - west) + Math.abs(west - n);
        if (x < 2 || y < 2 || x >= w - 2 || y >= window.height - 2) {
            return 4 * sum;
        }
        long nnw = v[p - 2 * w - 1];
        long nne = v[p - 2 * w + 1];
        long ene = v[p - w + 2];
        long ese = v[p + w + 2];
        long sse = v[p + 2 * w + 1];
        long ssw = v[p + 2 * w - 1];
        long wsw = v[p + w - 2];
        long wnw = v[p - w - 2];
        return sum + Math.abs(n - nnw) + Math.abs(n - nne) + Math.abs(e - ene) + Math.abs(e - ese)
                + Math.abs(s - sse) + Math.abs(s - ssw) + Math.abs(west - wsw) + Math.abs(west - wnw)
                + Math.abs(nne - ene) + Math.abs(ese - sse) + Math.abs(ssw - wsw) + Math.abs(wnw - nnw);
    }

    @Test
    void keysAreTheDefinedSums() {
        int[][] ranges = {{0, 255}, {0, 4095}, {-32768, 32767}};
        for (int seed = 0; seed < 12; seed++) {
            int[] range = ranges[seed % 3];
            Raster raster = seed % 2 == 0 ? TestImages.noise(37 + seed, 29, range[0], range[1], seed)
                    : TestImages.smooth(29, 41 + seed, range[0], range[1], seed);
            RhombusWindow window = RhombusWindow.of(raster, Region.rectangle(raster, 1, 2, raster.width() - 3, raster.height() - 2));
            for (int[] layer : new int[][] {window.cross, window.dot}) {
                int[] keys = RingComplexity.keys(window, layer);
                for (int i = 0; i < layer.length; i++) {
                    assertThat((long) keys[i]).as("sample %d", layer[i]).isEqualTo(definition(window, layer[i]));
                }
            }
        }
    }
}
