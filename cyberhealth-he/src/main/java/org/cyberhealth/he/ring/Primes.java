package org.cyberhealth.he.ring;

import java.util.ArrayList;
import java.util.List;

/**
 * NTT-friendly primes: q = 1 mod 2N, so that Z_q holds a primitive 2N-th root of unity and the negacyclic
 * ring Z_q[X]/(X^N + 1) has a fast transform. Searched downwards from just below 2^bits, tested with the
 * Miller-Rabin bases that are proven to decide primality for every number below 3.3 * 10^24 (the first
 * twelve primes; Sorenson and Webster 2015), so the result is exact, not probable.
 */
public final class Primes {

    private static final long[] WITNESSES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};

    private Primes() {}

    /**
     * The {@code count} largest primes of exactly {@code bits} bits that are 1 modulo {@code 2 ringDegree},
     * from the largest down, skipping those in {@code excluded}.
     */
    public static List<Long> nttFriendly(int bits, int ringDegree, int count, List<Long> excluded) {
        if (bits < 2 || bits > Modulus.MAX_BITS) {
            throw new IllegalArgumentException("prime size must be 2 to " + Modulus.MAX_BITS + " bits, got " + bits);
        }
        long step = 2L * ringDegree;
        long lowest = 1L << (bits - 1);
        List<Long> primes = new ArrayList<>();
        // The largest candidate below 2^bits that is 1 mod 2N.
        long candidate = ((1L << bits) - 1) / step * step + 1;
        if (candidate >= 1L << bits) {
            candidate -= step;
        }
        for (; primes.size() < count && candidate > lowest; candidate -= step) {
            if (!excluded.contains(candidate) && isPrime(candidate)) {
                primes.add(candidate);
            }
        }
        if (primes.size() < count) {
            throw new IllegalArgumentException("only " + primes.size() + " primes of " + bits + " bits are 1 mod " + step);
        }
        return primes;
    }

    /** Exact primality for 2 <= n < 2^61. */
    public static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long p : WITNESSES) {
            if (n % p == 0) {
                return n == p;
            }
        }
        Modulus modulus = new Modulus(n);
        long odd = n - 1;
        int twos = Long.numberOfTrailingZeros(odd);
        odd >>= twos;
        for (long witness : WITNESSES) {
            if (isComposite(modulus, witness, odd, twos)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isComposite(Modulus modulus, long witness, long odd, int twos) {
        long n = modulus.value();
        long x = modulus.pow(witness, odd);
        if (x == 1 || x == n - 1) {
            return false;
        }
        for (int i = 1; i < twos; i++) {
            x = modulus.multiply(x, x);
            if (x == n - 1) {
                return false;
            }
        }
        return true;
    }

    /** The smallest primitive 2N-th root of unity modulo prime q = 1 mod 2N (so the choice is reproducible). */
    public static long primitiveRoot(Modulus modulus, int ringDegree) {
        long q = modulus.value();
        long order = 2L * ringDegree;
        if ((q - 1) % order != 0) {
            throw new IllegalArgumentException(q + " is not 1 modulo " + order);
        }
        long smallest = -1;
        for (long x = 2; x < q; x++) {
            long root = modulus.pow(x, (q - 1) / order);
            if (modulus.pow(root, ringDegree) == q - 1) {
                // Every primitive 2N-th root is an odd power of this one; take the smallest of them.
                long square = modulus.multiply(root, root);
                long power = root;
                smallest = root;
                for (int k = 1; k < ringDegree; k++) {
                    power = modulus.multiply(power, square);
                    smallest = Math.min(smallest, power);
                }
                return smallest;
            }
        }
        throw new IllegalStateException("no primitive root of order " + order + " modulo " + q);
    }
}
