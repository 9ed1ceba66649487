package org.cyberhealth.he.more;

/** 2x2 real matrices as row-major arrays. */
final class Matrices {

    private Matrices() {}

    static double[] multiply(double[] x, double[] y) {
        return new double[] {x[0] * y[0] + x[1] * y[2], x[0] * y[1] + x[1] * y[3], x[2] * y[0] + x[3] * y[2], x[2] * y[1] + x[3] * y[3]};
    }

    /** The 2-norm condition number: the ratio of the singular values. */
    static double conditionNumber(double[] a) {
        double frobenius = a[0] * a[0] + a[1] * a[1] + a[2] * a[2] + a[3] * a[3];
        double det = Math.abs(a[0] * a[3] - a[1] * a[2]);
        if (det == 0) {
            return Double.POSITIVE_INFINITY;
        }
        // sigma1^2 + sigma2^2 = frobenius, sigma1 sigma2 = det.
        double discriminant = Math.sqrt(Math.max(0, frobenius * frobenius - 4 * det * det));
        double largest = Math.sqrt((frobenius + discriminant) / 2);
        return largest * largest / det;
    }
}
