package org.cyberhealth.he.ring;

/**
 * The negacyclic number-theoretic transform of Z_q[X]/(X^N + 1): evaluation of a polynomial at the N odd
 * powers of a primitive 2N-th root psi, which turns the ring's multiplication into a coefficient-wise one.
 * The iterative forms of Longa and Naehrig ("Speeding up the number theoretic transform for faster ideal
 * lattice-based cryptography", CANS 2016) merge the psi-weighting into the butterflies: Cooley-Tukey forward
 * (natural order in, bit-reversed order out) and Gentleman-Sande inverse. Butterflies are Harvey's lazy
 * ones (values kept below 4q, reduced once at the end) with Shoup multiplications by precomputed twiddles.
 * Where the JVM has the incubating Vector API (started with {@code --add-modules jdk.incubator.vector}) on
 * AVX-512 hardware, and q is below 2^49, the stages whose butterflies are at least eight apart run eight
 * at a time ({@link VectorNtt}); the results are the same numbers either way.
 * One instance per modulus and degree, immutable and shareable between threads.
 */
public final class NttTables {

    /** Lanes of {@link VectorNtt}: stages with butterflies at least this far apart are vectorised. */
    private static final int LANES = VectorSupport.LANES;

    private final Modulus modulus;
    private final int degree;
    private final long psi;
    private final long[] roots;
    private final long[] rootsShoup;
    private final long[] inverseRoots;
    private final long[] inverseRootsShoup;
    private final long degreeInverse;
    private final long degreeInverseShoup;
    private final long lastInverseRoot;
    private final long lastInverseRootShoup;
    /**
     * For the vector stages (null where they do not run): the twiddles uncentred, in [0, q), and over q, each
     * padded by {@value #LANES} so the last stages may load a whole vector from any block's twiddle on.
     */
    private final long[] vectorRoots;
    private final double[] rootsOverQ;
    private final long[] vectorInverseRoots;
    private final double[] inverseRootsOverQ;

    public NttTables(Modulus modulus, int degree) {
        this(modulus, degree, true);
    }

    /** With {@code vectorise} false, the scalar stages only (the reference the vector ones are tested against). */
    NttTables(Modulus modulus, int degree, boolean vectorise) {
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
        lastInverseRoot = modulus.multiply(inverseRoots[1], degreeInverse);
        lastInverseRootShoup = modulus.shoup(lastInverseRoot);
        if (vectorise && degree >= 2 * LANES && VectorSupport.usable(modulus, degree)) {
            vectorRoots = java.util.Arrays.copyOf(roots, degree + LANES);
            rootsOverQ = overQ(vectorRoots, modulus.value());
            vectorInverseRoots = java.util.Arrays.copyOf(inverseRoots, degree + LANES);
            inverseRootsOverQ = overQ(vectorInverseRoots, modulus.value());
        } else {
            vectorRoots = null;
            rootsOverQ = null;
            vectorInverseRoots = null;
            inverseRootsOverQ = null;
        }
        centre(roots, rootsShoup, modulus.value());
        centre(inverseRoots, inverseRootsShoup, modulus.value());
    }

    private static double[] overQ(long[] twiddles, long q) {
        double[] ratios = new double[twiddles.length];
        for (int i = 0; i < twiddles.length; i++) {
            ratios[i] = (double) twiddles[i] / q;
        }
        return ratios;
    }

    /**
     * Twiddles w >= q/2, whose Shoup quotient floor(w 2^64 / q) has its top bit set, become w - q: read as a
     * signed word the quotient is exactly floor((w - q) 2^64 / q), so the Shoup product of u and w - q is
     * u w mod q in [0, 2q) with the signed high word alone, without the unsigned correction.
     */
    private static void centre(long[] twiddles, long[] shoup, long q) {
        for (int i = 0; i < twiddles.length; i++) {
            if (shoup[i] < 0) {
                twiddles[i] -= q;
            }
        }
    }

    public Modulus modulus() {
        return modulus;
    }

    public int degree() {
        return degree;
    }

    /** Whether the wide stages run on the Vector API (see the class comment). */
    public boolean vectorised() {
        return rootsOverQ != null;
    }

    /** The primitive 2N-th root of unity the transform evaluates at (its odd powers). */
    public long psi() {
        return psi;
    }

    /** In place: {@link #forward(long[], long[])} with the row as both input and output. */
    public void forward(long[] a) {
        forward(a, a);
    }

    /**
     * Coefficients {@code in} [0, 4q) (residues, or lazily reduced ones) to evaluations {@code out} in [0, q),
     * in bit-reversed order of the odd powers of psi; {@code in} is only read (it may be {@code out}). Stages
     * go two at a time (radix 4: each element is loaded and stored once per two stages); with an odd number
     * of stages the first goes alone. The last pair of stages works on groups of four neighbours and makes
     * the final reduction, so no extra pass is needed.
     */
    public void forward(long[] in, long[] out) {
        long q = modulus.value();
        long twoQ = 2 * q;
        if (rootsOverQ != null) {
            forwardVectorised(in, out, q);
            return;
        }
        int log = Integer.numberOfTrailingZeros(degree);
        int m = 1;
        int t = degree >>> 1;
        long[] source = in;
        if ((log & 1) == 1) {
            forwardStage(source, out, 1, t, q, twoQ);
            source = out;
            m <<= 1;
            t >>>= 1;
        }
        for (; t > 2; m <<= 2, t >>>= 2) {
            forwardPair(source, out, m, t, q, twoQ);
            source = out;
        }
        if (t == 2) {
            forwardLastPair(source, out, m, q, twoQ);
        } else {
            // N = 2: the single stage above left its outputs below 4q.
            for (int j = 0; j < degree; j++) {
                out[j] = reduceFromFourQ(out[j], q, twoQ);
            }
        }
    }

    /** The vector stages while butterflies are at least {@value #LANES} apart, then the last three within each vector. */
    private void forwardVectorised(long[] in, long[] out, long q) {
        int m = 1;
        int t = degree >>> 1;
        long[] source = in;
        for (; t >= LANES; m <<= 1, t >>>= 1) {
            VectorNtt.forwardStage(source, out, m, t, vectorRoots, rootsOverQ, q);
            source = out;
        }
        VectorNtt.forwardLastStages(out, vectorRoots, rootsOverQ, q);
    }

    /** One Cooley-Tukey stage ({@code m} blocks of 2t), inputs and outputs in [0, 4q). */
    private void forwardStage(long[] in, long[] out, int m, int t, long q, long twoQ) {
        for (int i = 0; i < m; i++) {
            long w = roots[m + i];
            long ws = rootsShoup[m + i];
            int start = 2 * i * t;
            for (int j = start; j < start + t; j++) {
                long x = belowTwoQ(in[j], twoQ);
                long y = shoupLazy(in[j + t], w, ws, q);
                out[j] = x + y;
                out[j + t] = x - y + twoQ;
            }
        }
    }

    /** Stages m (blocks of 2t) and 2m (blocks of t) together, inputs and outputs in [0, 4q). */
    private void forwardPair(long[] in, long[] out, int m, int t, long q, long twoQ) {
        int quarter = t >>> 1;
        for (int i = 0; i < m; i++) {
            long w = roots[m + i];
            long ws = rootsShoup[m + i];
            long wLeft = roots[2 * m + 2 * i];
            long wsLeft = rootsShoup[2 * m + 2 * i];
            long wRight = roots[2 * m + 2 * i + 1];
            long wsRight = rootsShoup[2 * m + 2 * i + 1];
            int start = 2 * i * t;
            int end = start + quarter;
            for (int j = start; j < end; j++) {
                long x0 = belowTwoQ(in[j], twoQ);
                long x1 = belowTwoQ(in[j + quarter], twoQ);
                long y2 = shoupLazy(in[j + t], w, ws, q);
                long y3 = shoupLazy(in[j + t + quarter], w, ws, q);
                long b0 = belowTwoQ(x0 + y2, twoQ);
                long b2 = belowTwoQ(x0 - y2 + twoQ, twoQ);
                long y1 = shoupLazy(x1 + y3, wLeft, wsLeft, q);
                long y3b = shoupLazy(x1 - y3 + twoQ, wRight, wsRight, q);
                out[j] = b0 + y1;
                out[j + quarter] = b0 - y1 + twoQ;
                out[j + t] = b2 + y3b;
                out[j + t + quarter] = b2 - y3b + twoQ;
            }
        }
    }

    /** The last two stages on groups of four neighbours, with the final reduction into [0, q). */
    private void forwardLastPair(long[] in, long[] out, int m, long q, long twoQ) {
        for (int i = 0; i < m; i++) {
            int j = 4 * i;
            long x0 = belowTwoQ(in[j], twoQ);
            long x1 = belowTwoQ(in[j + 1], twoQ);
            long y2 = shoupLazy(in[j + 2], roots[m + i], rootsShoup[m + i], q);
            long y3 = shoupLazy(in[j + 3], roots[m + i], rootsShoup[m + i], q);
            long b0 = belowTwoQ(x0 + y2, twoQ);
            long b2 = belowTwoQ(x0 - y2 + twoQ, twoQ);
            long y1 = shoupLazy(x1 + y3, roots[2 * m + 2 * i], rootsShoup[2 * m + 2 * i], q);
            long y3b = shoupLazy(x1 - y3 + twoQ, roots[2 * m + 2 * i + 1], rootsShoup[2 * m + 2 * i + 1], q);
            out[j] = reduceFromFourQ(b0 + y1, q, twoQ);
            out[j + 1] = reduceFromFourQ(b0 - y1 + twoQ, q, twoQ);
            out[j + 2] = reduceFromFourQ(b2 + y3b, q, twoQ);
            out[j + 3] = reduceFromFourQ(b2 - y3b + twoQ, q, twoQ);
        }
    }

    /** In place: {@link #inverse(long[], long[])} with the row as both input and output. */
    public void inverse(long[] a) {
        inverse(a, a);
    }

    /**
     * The inverse of {@link #forward}: evaluations {@code in} [0, 2q) to coefficients {@code out} in [0, q);
     * {@code in} is only read (it may be {@code out}). Stages go two at a time as in {@link #forward}, the odd
     * one out alone just before the last pair; the last two stages (quarters, then halves of the row)
     * fold in the factor 1/N, premultiplied into their twiddles, and the final reduction.
     */
    public void inverse(long[] in, long[] out) {
        long q = modulus.value();
        long twoQ = 2 * q;
        if (degree < 4) {
            long x = in[0];
            long y = in[1];
            out[0] = modulus.multiplyShoup(x + y, degreeInverse, degreeInverseShoup);
            out[1] = modulus.multiplyShoup(x - y + twoQ, lastInverseRoot, lastInverseRootShoup);
            return;
        }
        if (inverseRootsOverQ != null) {
            inverseVectorised(in, out, q);
            return;
        }
        int m = degree;
        int t = 1;
        long[] source = in;
        for (; m >= 16; m >>>= 2, t <<= 2) {
            inversePair(source, out, m, t, q, twoQ);
            source = out;
        }
        if (m == 8) {
            // The odd stage out: before the last pair, where its blocks are long (four of them).
            inverseStage(source, out, t, q, twoQ);
            source = out;
            t <<= 1;
        }
        inverseLastPair(source, out, t, q, twoQ);
    }

    /** The first three stages within each vector, then the vector stages, the last one with 1/N folded in. */
    private void inverseVectorised(long[] in, long[] out, long q) {
        VectorNtt.inverseFirstStages(in, out, vectorInverseRoots, inverseRootsOverQ, q);
        int t = LANES;
        for (; t < degree >>> 1; t <<= 1) {
            VectorNtt.inverseStage(out, degree / (2 * t), t, vectorInverseRoots, inverseRootsOverQ, q);
        }
        VectorNtt.inverseLastStage(out, t, degreeInverse, (double) degreeInverse / q, lastInverseRoot, (double) lastInverseRoot / q, q);
    }

    /** One Gentleman-Sande stage (blocks of 2t), inputs and outputs in [0, 2q). */
    private void inverseStage(long[] in, long[] out, int t, long q, long twoQ) {
        int blocks = degree / (2 * t);
        for (int i = 0, start = 0; i < blocks; i++, start += 2 * t) {
            long w = inverseRoots[blocks + i];
            long ws = inverseRootsShoup[blocks + i];
            for (int j = start; j < start + t; j++) {
                long x = in[j];
                long y = in[j + t];
                out[j] = belowTwoQ(x + y, twoQ);
                out[j + t] = shoupLazy(x - y + twoQ, w, ws, q);
            }
        }
    }

    /** Stages m (blocks of 2t) and m/2 (blocks of 4t) together, inputs and outputs in [0, 2q). */
    private void inversePair(long[] in, long[] out, int m, int t, long q, long twoQ) {
        int half = m >>> 1;
        int quarter = m >>> 2;
        for (int i = 0; i < quarter; i++) {
            long wLeft = inverseRoots[half + 2 * i];
            long wsLeft = inverseRootsShoup[half + 2 * i];
            long wRight = inverseRoots[half + 2 * i + 1];
            long wsRight = inverseRootsShoup[half + 2 * i + 1];
            long w = inverseRoots[quarter + i];
            long ws = inverseRootsShoup[quarter + i];
            int start = 4 * i * t;
            if (t <= 2) {
                // Groups of neighbours: no inner loop of one or two turns.
                inverseGroup(in, out, start, t, wLeft, wsLeft, wRight, wsRight, w, ws, q, twoQ);
                if (t == 2) {
                    inverseGroup(in, out, start + 1, t, wLeft, wsLeft, wRight, wsRight, w, ws, q, twoQ);
                }
                continue;
            }
            int end = start + t;
            for (int j = start; j < end; j++) {
                inverseGroup(in, out, j, t, wLeft, wsLeft, wRight, wsRight, w, ws, q, twoQ);
            }
        }
    }

    /** Stages m and m/2 on in[j], in[j + t], in[j + 2t], in[j + 3t]: one turn of {@link #inversePair}. */
    private static void inverseGroup(long[] in, long[] out, int j, int t, long wLeft, long wsLeft, long wRight, long wsRight, long w, long ws,
            long q, long twoQ) {
        long x0 = in[j];
        long x1 = in[j + t];
        long x2 = in[j + 2 * t];
        long x3 = in[j + 3 * t];
        long b0 = belowTwoQ(x0 + x1, twoQ);
        long b1 = shoupLazy(x0 - x1 + twoQ, wLeft, wsLeft, q);
        long b2 = belowTwoQ(x2 + x3, twoQ);
        long b3 = shoupLazy(x2 - x3 + twoQ, wRight, wsRight, q);
        out[j] = belowTwoQ(b0 + b2, twoQ);
        out[j + 2 * t] = shoupLazy(b0 - b2 + twoQ, w, ws, q);
        out[j + t] = belowTwoQ(b1 + b3, twoQ);
        out[j + 3 * t] = shoupLazy(b1 - b3 + twoQ, w, ws, q);
    }

    /** The last two stages (quarters, then halves), times 1/N, into [0, q). */
    private void inverseLastPair(long[] in, long[] out, int t, long q, long twoQ) {
        long wLeft = inverseRoots[2];
        long wsLeft = inverseRootsShoup[2];
        long wRight = inverseRoots[3];
        long wsRight = inverseRootsShoup[3];
        // 1/N and psi^-1/N centred like the twiddles (see centre).
        long scale = degreeInverseShoup < 0 ? degreeInverse - q : degreeInverse;
        long scaleShoup = degreeInverseShoup;
        long scaledRoot = lastInverseRootShoup < 0 ? lastInverseRoot - q : lastInverseRoot;
        long scaledRootShoup = lastInverseRootShoup;
        for (int j = 0; j < t; j++) {
            long x0 = in[j];
            long x1 = in[j + t];
            long x2 = in[j + 2 * t];
            long x3 = in[j + 3 * t];
            long b0 = belowTwoQ(x0 + x1, twoQ);
            long b1 = shoupLazy(x0 - x1 + twoQ, wLeft, wsLeft, q);
            long b2 = belowTwoQ(x2 + x3, twoQ);
            long b3 = shoupLazy(x2 - x3 + twoQ, wRight, wsRight, q);
            out[j] = belowQ(shoupLazy(b0 + b2, scale, scaleShoup, q), q);
            out[j + 2 * t] = belowQ(shoupLazy(b0 - b2 + twoQ, scaledRoot, scaledRootShoup, q), q);
            out[j + t] = belowQ(shoupLazy(b1 + b3, scale, scaleShoup, q), q);
            out[j + 3 * t] = belowQ(shoupLazy(b1 - b3 + twoQ, scaledRoot, scaledRootShoup, q), q);
        }
    }

    /** u w mod q in [0, 2q) for u below 2^63, with a centred twiddle w in (-q/2, q/2) and its signed Shoup quotient ws (see {@link #centre}). */
    private static long shoupLazy(long u, long w, long ws, long q) {
        return u * w - Math.multiplyHigh(u, ws) * q;
    }

    /**
     * x in [0, 4q) to [0, 2q) without a branch: on random residues a branch is mispredicted half the time,
     * which costs more than the three instructions of the masked subtraction.
     */
    private static long belowTwoQ(long x, long twoQ) {
        long d = x - twoQ;
        return d + (twoQ & d >> 63);
    }

    /** x in [0, 2q) to [0, q), without a branch. */
    private static long belowQ(long x, long q) {
        long d = x - q;
        return d + (q & d >> 63);
    }

    private static long reduceFromFourQ(long x, long q, long twoQ) {
        long d = belowTwoQ(x, twoQ) - q;
        return d + (q & d >> 63);
    }
}
