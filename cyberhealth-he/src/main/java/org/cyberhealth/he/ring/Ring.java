package org.cyberhealth.he.ring;

import java.util.ArrayList;
import java.util.List;

/**
 * The ring Z_Q[X]/(X^N + 1) over a chain of NTT-friendly primes q_0, ..., q_L: the arithmetic CKKS needs,
 * on {@link RnsPoly} values that use the first {@code level + 1} primes. Operands must agree in level and
 * in representation (coefficients or NTT); the methods check this rather than silently mixing them.
 */
public final class Ring {

    private final int degree;
    private final List<Modulus> moduli;
    private final List<NttTables> transforms;

    public Ring(int degree, List<Long> primes) {
        if (degree < 2 || Integer.bitCount(degree) != 1) {
            throw new IllegalArgumentException("the ring degree must be a power of two, got " + degree);
        }
        this.degree = degree;
        List<Modulus> ms = new ArrayList<>();
        List<NttTables> ts = new ArrayList<>();
        for (long q : primes) {
            Modulus modulus = new Modulus(q);
            ms.add(modulus);
            ts.add(new NttTables(modulus, degree));
        }
        moduli = List.copyOf(ms);
        transforms = List.copyOf(ts);
        new RnsBasis(moduli);
    }

    public int degree() {
        return degree;
    }

    public List<Modulus> moduli() {
        return moduli;
    }

    public Modulus modulus(int i) {
        return moduli.get(i);
    }

    /** The basis of the first {@code primes} primes. */
    public RnsBasis basis(int primes) {
        return new RnsBasis(moduli.subList(0, primes));
    }

    public RnsPoly zero(int primes, boolean ntt) {
        return new RnsPoly(primes, degree, ntt);
    }

    /** The NTT of one row that holds residues modulo prime {@code prime}. */
    public void forwardRow(int prime, long[] row) {
        transforms.get(prime).forward(row);
    }

    public void inverseRow(int prime, long[] row) {
        transforms.get(prime).inverse(row);
    }

    /** The NTT of {@code in} (residues, or values below 4q) modulo prime {@code prime}, into {@code out}; {@code in} is not changed. */
    public void forwardRow(int prime, long[] in, long[] out) {
        transforms.get(prime).forward(in, out);
    }

    /** The inverse NTT of {@code in} modulo prime {@code prime}, into {@code out}; {@code in} is not changed. */
    public void inverseRow(int prime, long[] in, long[] out) {
        transforms.get(prime).inverse(in, out);
    }

    public void forward(RnsPoly p) {
        require(!p.isNtt(), "expected coefficients, got NTT form");
        for (int i = 0; i < p.primes(); i++) {
            transforms.get(i).forward(p.row(i));
        }
        p.markNtt(true);
    }

    public void inverse(RnsPoly p) {
        require(p.isNtt(), "expected NTT form, got coefficients");
        for (int i = 0; i < p.primes(); i++) {
            transforms.get(i).inverse(p.row(i));
        }
        p.markNtt(false);
    }

    /** a + b as a new polynomial. */
    public RnsPoly add(RnsPoly a, RnsPoly b) {
        requireSame(a, b);
        RnsPoly sum = zero(a.primes(), a.isNtt());
        addInto(sum, a, b);
        return sum;
    }

    /** out = a + b, row by row; out may be a itself (element by element, so aliasing is safe). */
    private void addInto(RnsPoly out, RnsPoly a, RnsPoly b) {
        for (int i = 0; i < a.primes(); i++) {
            Modulus m = moduli.get(i);
            long[] o = out.row(i);
            long[] x = a.row(i);
            long[] y = b.row(i);
            for (int j = 0; j < degree; j++) {
                o[j] = m.add(x[j], y[j]);
            }
        }
    }

    /**
     * The product of a0 + a1 X and b0 + b1 X as polynomials in X (a ciphertext product's tensor): new
     * polynomials a0 b0, a0 b1 + a1 b0 and a1 b1, all in NTT form, in one pass that loads each input once and
     * reduces the middle sum once (its two products summed exactly in 128 bits); on the Vector API where
     * {@link VectorSupport} allows ({@link VectorProducts}), with the same results.
     */
    public RnsPoly[] tensor(RnsPoly a0, RnsPoly a1, RnsPoly b0, RnsPoly b1) {
        requireSame(a0, a1);
        requireSame(a0, b0);
        requireSame(a0, b1);
        require(a0.isNtt(), "multiply in NTT form");
        RnsPoly d0 = zero(a0.primes(), true);
        RnsPoly d1 = zero(a0.primes(), true);
        RnsPoly d2 = zero(a0.primes(), true);
        for (int i = 0; i < a0.primes(); i++) {
            Modulus m = moduli.get(i);
            boolean narrow = m.narrowTerms() >= 2;
            long[] x0 = a0.row(i);
            long[] x1 = a1.row(i);
            long[] y0 = b0.row(i);
            long[] y1 = b1.row(i);
            long[] o0 = d0.row(i);
            long[] o1 = d1.row(i);
            long[] o2 = d2.row(i);
            if (VectorSupport.usable(m, degree)) {
                VectorProducts.tensor(m.value(), x0, x1, y0, y1, o0, o1, o2);
                continue;
            }
            for (int j = 0; j < degree; j++) {
                long u0 = x0[j];
                long u1 = x1[j];
                long v0 = y0[j];
                long v1 = y1[j];
                o0[j] = m.multiply(u0, v0);
                o2[j] = m.multiply(u1, v1);
                long low = u0 * v1;
                long other = u1 * v0;
                long sum = low + other;
                long high = Math.multiplyHigh(u0, v1) + Math.multiplyHigh(u1, v0) + ((sum ^ Long.MIN_VALUE) < (other ^ Long.MIN_VALUE) ? 1 : 0);
                o1[j] = narrow ? m.reduceNarrow(high, sum) : m.reduce(high, sum);
            }
        }
        return new RnsPoly[] {d0, d1, d2};
    }

    /**
     * row = (minuend - row) factor + addend modulo prime {@code prime}, in place, coefficient by coefficient
     * (addend may be null: none): the last step of dividing by a prime. Every input in [0, q).
     */
    public void subtractAndScaleRow(int prime, long[] minuend, long[] row, long factor, long[] addend) {
        Modulus m = moduli.get(prime);
        if (VectorSupport.usable(m, row.length)) {
            VectorProducts.subtractAndScale(m.value(), minuend, row, factor, addend);
            return;
        }
        long q = m.value();
        long factorShoup = m.shoup(factor);
        if (addend == null) {
            for (int k = 0; k < row.length; k++) {
                row[k] = m.multiplyShoup(minuend[k] - row[k] + q, factor, factorShoup);
            }
        } else {
            for (int k = 0; k < row.length; k++) {
                row[k] = m.add(m.multiplyShoup(minuend[k] - row[k] + q, factor, factorShoup), addend[k]);
            }
        }
    }

    /** a += b. */
    public void addInPlace(RnsPoly a, RnsPoly b) {
        requireSame(a, b);
        addInto(a, a, b);
    }

    /** a -= b. */
    public void subtractInPlace(RnsPoly a, RnsPoly b) {
        requireSame(a, b);
        for (int i = 0; i < a.primes(); i++) {
            Modulus m = moduli.get(i);
            long[] x = a.row(i);
            long[] y = b.row(i);
            for (int j = 0; j < degree; j++) {
                x[j] = m.subtract(x[j], y[j]);
            }
        }
    }

    public void negateInPlace(RnsPoly a) {
        for (int i = 0; i < a.primes(); i++) {
            Modulus m = moduli.get(i);
            long[] x = a.row(i);
            for (int j = 0; j < degree; j++) {
                x[j] = m.negate(x[j]);
            }
        }
    }

    /** a *= b, both in NTT form (the ring product). */
    public void multiplyInPlace(RnsPoly a, RnsPoly b) {
        requireSame(a, b);
        require(a.isNtt(), "multiply in NTT form");
        multiplyInto(a, a, b);
    }

    /** out += a b, all in NTT form. */
    public void multiplyAddInPlace(RnsPoly out, RnsPoly a, RnsPoly b) {
        requireSame(a, b);
        requireSame(out, a);
        require(a.isNtt(), "multiply in NTT form");
        for (int i = 0; i < a.primes(); i++) {
            Modulus m = moduli.get(i);
            long[] o = out.row(i);
            long[] x = a.row(i);
            long[] y = b.row(i);
            for (int j = 0; j < degree; j++) {
                o[j] = m.add(o[j], m.multiply(x[j], y[j]));
            }
        }
    }

    /** A signed integer polynomial (|c| < 2^62) as an RNS polynomial in coefficient form over the first primes. */
    public RnsPoly fromSigned(long[] coefficients, int primes) {
        RnsPoly p = zero(primes, false);
        for (int i = 0; i < primes; i++) {
            Modulus m = moduli.get(i);
            long q = m.value();
            // A multiple of q at least 2^62, below 2^63: added to negative coefficients it makes them non-negative.
            long lift = ((1L << 62) / q + 1) * q;
            long[] row = p.row(i);
            for (int j = 0; j < degree; j++) {
                long c = coefficients[j];
                row[j] = m.reduce(c + (lift & c >> 63));
            }
        }
        return p;
    }

    /** a b as a new polynomial, both in NTT form (the ring product). */
    public RnsPoly multiply(RnsPoly a, RnsPoly b) {
        requireSame(a, b);
        require(a.isNtt(), "multiply in NTT form");
        RnsPoly product = zero(a.primes(), true);
        multiplyInto(product, a, b);
        return product;
    }

    /** out = a b slot by slot; out may be a itself. */
    private void multiplyInto(RnsPoly out, RnsPoly a, RnsPoly b) {
        for (int i = 0; i < a.primes(); i++) {
            Modulus m = moduli.get(i);
            long[] o = out.row(i);
            long[] x = a.row(i);
            long[] y = b.row(i);
            for (int j = 0; j < degree; j++) {
                o[j] = m.multiply(x[j], y[j]);
            }
        }
    }

    private static void requireSame(RnsPoly a, RnsPoly b) {
        if (a.primes() != b.primes() || a.isNtt() != b.isNtt()) {
            throw new IllegalArgumentException("operands at different levels or forms: " + a.primes() + (a.isNtt() ? " NTT" : "")
                    + " vs " + b.primes() + (b.isNtt() ? " NTT" : ""));
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
