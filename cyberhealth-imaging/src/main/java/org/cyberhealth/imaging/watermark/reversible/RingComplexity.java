package org.cyberhealth.imaging.watermark.reversible;

/**
 * A finer local complexity than Sachnev's four-neighbour variance: the sum of absolute differences
 * between diagonally adjacent samples of the other layer in the 5x5 neighbourhood (the rhombus itself
 * and the ring of eight samples around it: sixteen differences), in the spirit of the neighbourhood
 * complexities of Li et al. (2013, 2015). Only other-layer samples are read, so the extractor computes
 * the same value. Samples closer than two to the window border fall back to four times the rhombus sum,
 * which has the same scale.
 */
final class RingComplexity {

    private RingComplexity() {
    }

    static int[] keys(RhombusWindow window, int[] layer) {
        int w = window.width;
        int h = window.height;
        int[] v = window.values;
        int[] keys = new int[layer.length];
        int y = 0;
        for (int i = 0; i < layer.length; i++) {
            int p = layer[i];
            while (p >= (y + 1) * w) {
                y++;
            }
            int x = p - y * w;
            // the rhombus: north, east, south, west
            long n = v[p - w];
            long e = v[p + 1];
            long s = v[p + w];
            long west = v[p - 1];
            long sum = Math.abs(n - e) + Math.abs(e - s) + Math.abs(s - west) + Math.abs(west - n);
            if (x >= 2 && y >= 2 && x < w - 2 && y < h - 2) {
                // the ring: two samples beyond each rhombus corner, clockwise from north-north-west
                long nnw = v[p - 2 * w - 1];
                long nne = v[p - 2 * w + 1];
                long ene = v[p - w + 2];
                long ese = v[p + w + 2];
                long sse = v[p + 2 * w + 1];
                long ssw = v[p + 2 * w - 1];
                long wsw = v[p + w - 2];
                long wnw = v[p - w - 2];
                sum += Math.abs(n - nnw) + Math.abs(n - nne) + Math.abs(e - ene) + Math.abs(e - ese)
                        + Math.abs(s - sse) + Math.abs(s - ssw) + Math.abs(west - wsw) + Math.abs(west - wnw)
                        + Math.abs(nne - ene) + Math.abs(ese - sse) + Math.abs(ssw - wsw) + Math.abs(wnw - nnw);
            } else {
                sum *= 4;
            }
            keys[i] = (int) Math.min(Integer.MAX_VALUE, sum);
        }
        return keys;
    }
}
