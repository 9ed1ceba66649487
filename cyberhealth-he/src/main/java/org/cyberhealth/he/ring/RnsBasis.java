package org.cyberhealth.he.ring;

import java.math.BigInteger;
import java.util.List;

/**
 * A residue number system: the product Q of word-sized primes q_i, a number modulo Q held as its residues
 * modulo each q_i (Chinese remainder theorem), which is what lets CKKS work on 64-bit words instead of big
 * integers (Cheon, Han, Kim, Kim and Song, "A full RNS variant of approximate homomorphic encryption",
 * SAC 2018). Composition back to a big integer is for decoding and tests, never on a hot path.
 */
public final class RnsBasis {

    private final List<Modulus> moduli;
    private final BigInteger product;
    private final BigInteger[] crtFactors;

    public RnsBasis(List<Modulus> moduli) {
        if (moduli.isEmpty()) {
            throw new IllegalArgumentException("an RNS basis needs at least one modulus");
        }
        this.moduli = List.copyOf(moduli);
        BigInteger q = BigInteger.ONE;
        for (Modulus m : moduli) {
            BigInteger value = BigInteger.valueOf(m.value());
            if (!q.gcd(value).equals(BigInteger.ONE)) {
                throw new IllegalArgumentException("RNS moduli must be pairwise coprime: " + moduli);
            }
            q = q.multiply(value);
        }
        product = q;
        crtFactors = new BigInteger[moduli.size()];
        for (int i = 0; i < crtFactors.length; i++) {
            BigInteger qi = BigInteger.valueOf(moduli.get(i).value());
            BigInteger others = q.divide(qi);
            crtFactors[i] = others.multiply(others.modInverse(qi));
        }
    }

    public List<Modulus> moduli() {
        return moduli;
    }

    public int size() {
        return moduli.size();
    }

    public BigInteger product() {
        return product;
    }

    /** log2 of Q, the number the security standard bounds. */
    public double log2Product() {
        return product.bitLength() - 1 + Math.log(product.shiftRight(product.bitLength() - 53).doubleValue() / (1L << 52)) / Math.log(2);
    }

    /** The residues of {@code x} (any sign) modulo each q_i. */
    public long[] decompose(BigInteger x) {
        long[] residues = new long[moduli.size()];
        for (int i = 0; i < residues.length; i++) {
            residues[i] = x.mod(BigInteger.valueOf(moduli.get(i).value())).longValue();
        }
        return residues;
    }

    /** The number in [0, Q) with these residues. */
    public BigInteger compose(long[] residues) {
        BigInteger x = BigInteger.ZERO;
        for (int i = 0; i < residues.length; i++) {
            x = x.add(crtFactors[i].multiply(BigInteger.valueOf(residues[i])));
        }
        return x.mod(product);
    }

    /** The number in (-Q/2, Q/2] with these residues: how CKKS reads a coefficient back. */
    public BigInteger composeCentred(long[] residues) {
        BigInteger x = compose(residues);
        return x.compareTo(product.shiftRight(1)) > 0 ? x.subtract(product) : x;
    }
}
