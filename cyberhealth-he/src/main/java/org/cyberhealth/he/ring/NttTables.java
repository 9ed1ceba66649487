package org.cyberhealth.he.ring;

/**
 * The negacyclic number-theoretic transform of Z_q[X]/(X^N + 1): evaluation of a polynomial at the N odd
 * powers of a primitive 2N-th root psi, which turns the ring's multiplication into a coefficient-wise one.
 * The iterative forms of Longa and Naehrig ("Speeding up the number theoretic transform for faster ideal
 * lattice-based cryptography", CANS 2016) merge the psi-weighting into the butterflies: Cooley-Tukey forward
 * (natural order in, bit-reversed order out) and Gentleman-Sande inverse. Butterflies are Harvey's lazy
 * ones (values kept below 4q, reduced once at the end) with Shoup multiplications by precomputed twiddles.
 * One instance per modulus and degree, immutable and shareable between threads.
 */
public final class NttTables {

    private final Modulus modulus;
    private final int degree;
    private final long psi;
    private final long[] roots;
    private final long[] rootsShoup;
    private final long[] inverseRoots;
    private final long[] inverseRootsShoup;
    private final long degreeInverse;
    private final long degreeInverseShoup;

    public NttTables(Modulus modulus, int degree) {
        if (degree < 2 || Integer.bitCount(degree) != 1) {
            throw new IllegalArgumentException("the ring degree must be a power of two, got " + degree);
        }
        this.modulus = modulus;
        this.degree = degree;
        psi = Primes.primitiveRoot(modulus, degree);
        long psiInverse = modulus.inverse(psi);
        int logDegree = Integer.numberOfTrailingZeros(degree);
        roots = new long[degree];
        rootsShoup = new long[degree];
        inverseRoots = new long[degree];
        inverseRootsShoup = new long[degree];
        long power = 1;
        long inversePower = 1;
        for (int i = 0; i < degree; i++) {
            int reversed = Integer.reverse(i) >>> (32 - logDegree);
            roots[reversed] = power;
            rootsShoup[reversed] = modulus.shoup(power);
            inverseRoots[reversed] = inversePower;
            inverseRootsShoup[reversed] = modulus.shoup(inversePower);
            power = modulus.multiply(power, psi);
            inversePower = modulus.multiply(inversePower, psiInverse);
        }
        degreeInverse = modulus.inverse(degree);
        degreeInverseShoup = modulus.shoup(degreeInverse);
    }

    public Modulus modulus() {
        return modulus;
    }

    public int degree() {
        return degree;
    }

    /** The primitive 2N-th root of unity the transform evaluates at (its odd powers). */
    public long psi() {
        return psi;
    }

    /** In place: coefficients in [0, q) to evaluations in [0, q), in bit-reversed order of the odd powers of psi. */
    public void forward(long[] a) {
        long q = modulus.value();
        long twoQ = 2 * q;
        for (int m = 1, t = degree >>> 1; m < degree; m <<= 1, t >>>= 1) {
            for (int i = 0; i < m; i++) {
                long w = roots[m + i];
                long wShoup = rootsShoup[m + i];
                int start = 2 * i * t;
                for (int j = start; j < start + t; j++) {
                    long x = a[j];
                    if (x >= twoQ) {
                        x -= twoQ;
                    }
                    long y = modulus.multiplyShoupLazy(a[j + t], w, wShoup);
                    a[j] = x + y;
                    a[j + t] = x - y + twoQ;
                }
            }
        }
        for (int j = 0; j < degree; j++) {
            long x = a[j];
            if (x >= twoQ) {
                x -= twoQ;
            }
            a[j] = x >= q ? x - q : x;
        }
    }

    /** In place: the inverse of {@link #forward}. */
    public void inverse(long[] a) {
        long q = modulus.value();
        long twoQ = 2 * q;
        for (int m = degree, t = 1; m > 1; m >>>= 1, t <<= 1) {
            int half = m >>> 1;
            for (int i = 0, start = 0; i < half; i++, start += 2 * t) {
                long w = inverseRoots[half + i];
                long wShoup = inverseRootsShoup[half + i];
                for (int j = start; j < start + t; j++) {
                    long x = a[j];
                    long y = a[j + t];
                    long sum = x + y;
                    a[j] = sum >= twoQ ? sum - twoQ : sum;
                    a[j + t] = modulus.multiplyShoupLazy(x - y + twoQ, w, wShoup);
                }
            }
        }
        for (int j = 0; j < degree; j++) {
            a[j] = modulus.multiplyShoup(a[j], degreeInverse, degreeInverseShoup);
        }
    }
}
