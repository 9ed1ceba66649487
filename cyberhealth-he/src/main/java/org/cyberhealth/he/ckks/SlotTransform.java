package org.cyberhealth.he.ckks;

/**
 * CKKS's canonical embedding restricted to its N/2 slots: a real polynomial m of degree below N is read
 * at the roots zeta^(5^j) (zeta = exp(i pi / N), j < N/2), the other half being their conjugates. Folding
 * m into the complex polynomial w_k = m_k + i m_(k+N/2) (since zeta^(5^j N/2) = i) turns this into a
 * twisted DFT of size n = N/2: the roots zeta^(5^j) are exactly zeta omega^t (omega = exp(2 pi i / n)) for
 * t = (5^j mod 2N - 1) / 4, so slot j is the t-th output of a plain FFT of w_k zeta^k. Decoding is that;
 * encoding is its inverse. The rotation X -> X^(5^r) moves slot j to j - r, which is why slots are
 * ordered by powers of 5 (Cheon, Kim, Kim and Song, "Homomorphic encryption for arithmetic of approximate
 * numbers", ASIACRYPT 2017).
 */
final class SlotTransform {

    private final int slots;
    private final int[] slotToIndex;
    private final double[] twistRe;
    private final double[] twistIm;
    private final double[] rootRe;
    private final double[] rootIm;

    SlotTransform(int ringDegree) {
        slots = ringDegree / 2;
        long twoN = 2L * ringDegree;
        slotToIndex = new int[slots];
        long power = 1;
        for (int j = 0; j < slots; j++) {
            slotToIndex[j] = (int) ((power - 1) / 4);
            power = power * 5 % twoN;
        }
        twistRe = new double[slots];
        twistIm = new double[slots];
        for (int k = 0; k < slots; k++) {
            double angle = Math.PI * k / ringDegree;
            twistRe[k] = Math.cos(angle);
            twistIm[k] = Math.sin(angle);
        }
        rootRe = new double[slots / 2 + 1];
        rootIm = new double[slots / 2 + 1];
        for (int k = 0; k < rootRe.length; k++) {
            double angle = 2 * Math.PI * k / slots;
            rootRe[k] = Math.cos(angle);
            rootIm[k] = Math.sin(angle);
        }
    }

    int slots() {
        return slots;
    }

    /** Slot values (re, im) to the folded coefficients w (re, im), in place. */
    void toCoefficients(double[] re, double[] im) {
        double[] yRe = new double[slots];
        double[] yIm = new double[slots];
        for (int j = 0; j < slots; j++) {
            yRe[slotToIndex[j]] = re[j];
            yIm[slotToIndex[j]] = im[j];
        }
        fft(yRe, yIm, true);
        for (int k = 0; k < slots; k++) {
            double a = yRe[k] / slots;
            double b = yIm[k] / slots;
            // times conj(zeta^k)
            re[k] = a * twistRe[k] + b * twistIm[k];
            im[k] = b * twistRe[k] - a * twistIm[k];
        }
    }

    /** Folded coefficients w (re, im) to slot values, in place. */
    void toSlots(double[] re, double[] im) {
        double[] yRe = new double[slots];
        double[] yIm = new double[slots];
        for (int k = 0; k < slots; k++) {
            yRe[k] = re[k] * twistRe[k] - im[k] * twistIm[k];
            yIm[k] = re[k] * twistIm[k] + im[k] * twistRe[k];
        }
        fft(yRe, yIm, false);
        for (int j = 0; j < slots; j++) {
            re[j] = yRe[slotToIndex[j]];
            im[j] = yIm[slotToIndex[j]];
        }
    }

    /** Iterative radix-2 FFT: y_t = sum_k x_k omega^(+/- t k), in place (no 1/n). */
    private void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        int log = Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> (32 - log);
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int length = 2; length <= n; length <<= 1) {
            int half = length >>> 1;
            int stride = n / length;
            for (int start = 0; start < n; start += length) {
                for (int k = 0; k < half; k++) {
                    int r = k * stride; // below n/2: the table covers it

                    double wRe = rootRe[r];
                    double wIm = inverse ? -rootIm[r] : rootIm[r];
                    int a = start + k;
                    int b = a + half;
                    double tRe = re[b] * wRe - im[b] * wIm;
                    double tIm = re[b] * wIm + im[b] * wRe;
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                }
            }
        }
    }
}
