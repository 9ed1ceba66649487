package org.cyberhealth.he.more;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * MORE as Kipnis and Hibshoosh define it (IACR ePrint 2012/637): over Z_N for an RSA modulus N, the key a
 * matrix A in GL_2(Z_N), a value k encrypted as A^-1 diag(s, k) A mod N with s uniform in Z_N; sums and
 * products of ciphertexts encrypt sums and products. Their security argument needs every encrypted value
 * to be uniformly random and never repeated, which data values never are; and one known pair breaks it
 * ({@link #recoverFrom}). Kept for the demonstration, as {@link FloatMore} is.
 */
public final class ModularMore {

    /** The secret matrix and its inverse modulo N; {@link #toString()} shows nothing. */
    public static final class Key {
        final BigInteger modulus;
        final BigInteger[] a;
        final BigInteger[] inverse;

        Key(BigInteger modulus, BigInteger[] a) {
            this.modulus = modulus;
            this.a = a.clone();
            BigInteger detInverse = a[0].multiply(a[3]).subtract(a[1].multiply(a[2])).modInverse(modulus);
            inverse = new BigInteger[] {a[3].multiply(detInverse).mod(modulus), a[1].negate().multiply(detInverse).mod(modulus),
                a[2].negate().multiply(detInverse).mod(modulus), a[0].multiply(detInverse).mod(modulus)};
        }

        public BigInteger modulus() {
            return modulus;
        }

        @Override
        public String toString() {
            return "ModularMore.Key[hidden]";
        }
    }

    private final SecureRandom random;

    public ModularMore(SecureRandom random) {
        this.random = random;
    }

    /** A key over an RSA modulus of {@code bits} bits (the factors are discarded). */
    public Key newKey(int bits) {
        BigInteger n = BigInteger.probablePrime(bits / 2, random).multiply(BigInteger.probablePrime(bits - bits / 2, random));
        while (true) {
            BigInteger[] a = {uniform(n), uniform(n), uniform(n), uniform(n)};
            if (a[0].multiply(a[3]).subtract(a[1].multiply(a[2])).gcd(n).equals(BigInteger.ONE)) {
                return new Key(n, a);
            }
        }
    }

    private BigInteger uniform(BigInteger n) {
        BigInteger x;
        do {
            x = new BigInteger(n.bitLength(), random);
        } while (x.compareTo(n) >= 0);
        return x;
    }

    public BigInteger[] encrypt(Key key, BigInteger k) {
        BigInteger[] diagonal = {uniform(key.modulus), BigInteger.ZERO, BigInteger.ZERO, k.mod(key.modulus)};
        return multiply(multiply(key.inverse, diagonal, key.modulus), key.a, key.modulus);
    }

    public BigInteger decrypt(Key key, BigInteger[] c) {
        return multiply(multiply(key.a, c, key.modulus), key.inverse, key.modulus)[3];
    }

    public static BigInteger[] add(BigInteger[] x, BigInteger[] y, BigInteger n) {
        return new BigInteger[] {x[0].add(y[0]).mod(n), x[1].add(y[1]).mod(n), x[2].add(y[2]).mod(n), x[3].add(y[3]).mod(n)};
    }

    public static BigInteger[] multiply(BigInteger[] x, BigInteger[] y, BigInteger n) {
        return new BigInteger[] {x[0].multiply(y[0]).add(x[1].multiply(y[2])).mod(n), x[0].multiply(y[1]).add(x[1].multiply(y[3])).mod(n),
            x[2].multiply(y[0]).add(x[3].multiply(y[2])).mod(n), x[2].multiply(y[1]).add(x[3].multiply(y[3])).mod(n)};
    }

    /**
     * The known-plaintext attack over Z_N: C - k I has rank one, its kernel (-m12, m11) is the message
     * eigenvector v shared by all ciphertexts, and any ciphertext's plaintext is (C' v)_i / v_i (v_i
     * invertible modulo N, as it is unless v_i reveals a factor of N). Returns the decryption function.
     */
    public static java.util.function.UnaryOperator<BigInteger[]> recoverFrom(BigInteger k, BigInteger[] c, BigInteger n) {
        BigInteger[] m = {c[0].subtract(k).mod(n), c[1], c[2], c[3].subtract(k).mod(n)};
        BigInteger[] v = m[0].signum() != 0 || m[1].signum() != 0 ? new BigInteger[] {m[1].negate().mod(n), m[0]} : new BigInteger[] {m[3].negate().mod(n), m[2]};
        int i = v[0].gcd(n).equals(BigInteger.ONE) ? 0 : 1;
        BigInteger vInverse = v[i].modInverse(n);
        return other -> {
            BigInteger[] row = i == 0 ? new BigInteger[] {other[0], other[1]} : new BigInteger[] {other[2], other[3]};
            return new BigInteger[] {row[0].multiply(v[0]).add(row[1].multiply(v[1])).multiply(vInverse).mod(n)};
        };
    }
}
