package org.cyberhealth.he.ring;

/**
 * An element of Z_Q[X]/(X^N + 1) in RNS form: one row of N coefficients per prime of the basis it lives
 * at (its level + 1 rows), either as coefficients or as NTT evaluations; the flag says which. Mutable, for
 * in-place arithmetic; {@link #copy} before sharing.
 */
public final class RnsPoly {

    private final long[][] rows;
    private boolean ntt;

    public RnsPoly(int primes, int degree, boolean ntt) {
        rows = new long[primes][degree];
        this.ntt = ntt;
    }

    private RnsPoly(long[][] rows, boolean ntt) {
        this.rows = rows;
        this.ntt = ntt;
    }

    /** The residues modulo prime {@code i} of the basis. */
    public long[] row(int i) {
        return rows[i];
    }

    public int primes() {
        return rows.length;
    }

    public int degree() {
        return rows[0].length;
    }

    public boolean isNtt() {
        return ntt;
    }

    void markNtt(boolean ntt) {
        this.ntt = ntt;
    }

    public RnsPoly copy() {
        long[][] copied = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copied[i] = rows[i].clone();
        }
        return new RnsPoly(copied, ntt);
    }

    /**
     * The same polynomial over the first {@code primes} primes, sharing this one's rows (no copy): for
     * reading a key at a lower level; writing to it writes to this polynomial.
     */
    public RnsPoly prefix(int primes) {
        return primes == rows.length ? this : new RnsPoly(java.util.Arrays.copyOf(rows, primes), ntt);
    }

    /** The same polynomial over the first {@code primes} primes only (a copy; dropping the last primes). */
    public RnsPoly truncated(int primes) {
        long[][] kept = new long[primes][];
        for (int i = 0; i < primes; i++) {
            kept[i] = rows[i].clone();
        }
        return new RnsPoly(kept, ntt);
    }
}
